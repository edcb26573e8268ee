# Pegging golden: runs `ordo plan DATA --format csv -o OUT --threads THREADS --pegging MODE`
# (plus --mrp-only when MRP_ONLY) and compares OUT/pegging.csv with EXPECTED: byte for byte,
# or, for EXPECTED ending in .sha256, by its SHA-256 (for tables too large to keep). The
# full-pegging goldens were written by the engine that stored every planned order's pegging
# while netting, so they prove the pegging derived from direct links has the same values.
# -DUPDATE=1 rewrites EXPECTED instead.
set(extra)
if(MRP_ONLY)
  list(APPEND extra --mrp-only)
endif()
execute_process(COMMAND ${ORDO} plan ${DATA} --format csv -o ${OUT} --threads ${THREADS} --pegging ${MODE} --quiet ${extra}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ordo plan exited with ${rc}")
endif()
if(EXPECTED MATCHES "\\.sha256$")
  file(SHA256 ${OUT}/pegging.csv got)
  set(got "${got}\n")
else()
  file(READ ${OUT}/pegging.csv got)
endif()
if(UPDATE)
  file(WRITE ${EXPECTED} "${got}")
  message(STATUS "updated ${EXPECTED}")
  return()
endif()
file(READ ${EXPECTED} want)
if(NOT got STREQUAL want)
  message(FATAL_ERROR "${OUT}/pegging.csv differs from ${EXPECTED}")
endif()
message(STATUS "pegging matches ${EXPECTED}")
