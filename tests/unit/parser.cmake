zj_unit_test(parser_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/parser_test.cc DEPS parser)
