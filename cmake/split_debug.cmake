# cmake -DBINARY=isms-obj -DOBJCOPY=objcopy -DREADELF=readelf -DOUTDIR=dir -P split_debug.cmake
#
# What the packages ship of the executable, as Debian's dh_strip makes it:
#   OUTDIR/bin/isms-obj  stripped of debugging information, unneeded symbols
#                        and the compiler's .comment and .note sections;
#   OUTDIR/debug/.build-id/NN/REST.debug
#                        the debugging information, where gdb looks for it
#                        by the executable's build id (under /usr/lib/debug),
#                        for the isms-obj-dbgsym package.
# The built executable itself is left as it is.
cmake_minimum_required(VERSION 3.22)
foreach(var BINARY OBJCOPY READELF OUTDIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "split_debug.cmake: ${var} is not set")
  endif()
endforeach()
execute_process(COMMAND "${READELF}" -n "${BINARY}" OUTPUT_VARIABLE notes RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT notes MATCHES "Build ID: ([0-9a-f][0-9a-f])([0-9a-f]+)")
  message(FATAL_ERROR "${BINARY} has no build id (link with --build-id)")
endif()
set(debug_dir "${OUTDIR}/debug/.build-id/${CMAKE_MATCH_1}")
set(debug_file "${debug_dir}/${CMAKE_MATCH_2}.debug")
file(REMOVE_RECURSE "${OUTDIR}/debug")
file(MAKE_DIRECTORY "${debug_dir}" "${OUTDIR}/bin")
function(objcopy)
  execute_process(COMMAND "${OBJCOPY}" ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "objcopy ${ARGN} failed")
  endif()
endfunction()
objcopy(--only-keep-debug --compress-debug-sections "${BINARY}" "${debug_file}")
file(CHMOD "${debug_file}" FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
objcopy(--strip-unneeded --remove-section=.comment --remove-section=.note
        "${BINARY}" "${OUTDIR}/bin/isms-obj")
