zj_unit_test(functions_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/functions_test.cc DEPS functions)
