zj_unit_test(txn_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/txn_test.cc DEPS txn)
