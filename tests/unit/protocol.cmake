# Framing tests compile the socket and wire code directly: they need neither the planner nor the
# executor that the whole server library pulls in.
add_executable(protocol_test ${CMAKE_CURRENT_LIST_DIR}/protocol_test.cc
  ${PROJECT_SOURCE_DIR}/src/server/connection.cc ${PROJECT_SOURCE_DIR}/src/server/protocol/wire.cc)
target_compile_options(protocol_test PRIVATE ${ZJ_WARNINGS})
target_link_libraries(protocol_test PRIVATE zj_common GTest::gtest GTest::gtest_main)
add_test(NAME unit.protocol_test COMMAND protocol_test)
