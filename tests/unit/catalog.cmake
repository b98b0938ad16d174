zj_unit_test(catalog_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/catalog_test.cc DEPS catalog storage)
