zj_unit_test(planner_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/planner_test.cc DEPS planner)
