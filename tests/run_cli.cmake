# Runs ${ORDO} with ${ARGS} (a ;-list), and fails unless the exit status is ${RC} and the
# combined output matches ${REGEX}.
execute_process(COMMAND ${ORDO} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
if(NOT rc STREQUAL "${RC}")
  message(FATAL_ERROR "exit status ${rc}, expected ${RC}\n--- output ---\n${all}")
endif()
string(REGEX MATCH "${REGEX}" hit "${all}")
if(NOT hit)
  message(FATAL_ERROR "output does not match /${REGEX}/\n--- output ---\n${all}")
endif()
message(STATUS "ok: exit ${rc}, output matches")
