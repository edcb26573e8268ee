# No mutable file-scope (or function-static) variable in the engine:
#   cmake -DOBJDUMP=<objdump> -DLIB=<libordo_engine.a> -P globals.cmake
# Two plans on two threads share nothing but their inputs, so every object the engine
# library defines must be read-only (.rodata, .data.rel.ro); writable data (.data, .bss,
# common) fails the test. OpenMP's named critical sections are the runtime's locks,
# AddressSanitizer's one-definition-rule markers its own, and clang's UBSan source locations
# (__unnamed_N, written once a report is made) the sanitizer's.
execute_process(COMMAND ${OBJDUMP} -t ${LIB} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OBJDUMP} -t ${LIB} failed")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(member "")
set(bad 0)
foreach(line ${lines})
  if(line MATCHES "^([^ ]+\\.o):")
    set(member ${CMAKE_MATCH_1})
  elseif(line MATCHES " O (\\.data|\\.bss|\\*COM\\*)[^ \t]*[ \t]+[0-9a-f]+[ \t]+(.*)$")
    set(sym ${CMAKE_MATCH_2})
    if(NOT line MATCHES "\\.data\\.rel\\.ro" AND NOT sym MATCHES "^\\.gomp_critical_user_"
       AND NOT sym MATCHES "__odr_asan" AND NOT sym MATCHES "^__unnamed_[0-9]+$")
      message(SEND_ERROR "${member}: writable static object \"${sym}\"")
      set(bad 1)
    endif()
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "the engine keeps mutable state outside its handles (see above)")
endif()
message(STATUS "no writable static object in ${LIB}")
