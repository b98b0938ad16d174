zj_unit_test(types_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/types_test.cc DEPS types)
