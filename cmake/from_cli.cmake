# cmake -DBINARY=isms-obj -DHELP2MAN=help2man -DINCLUDE=docs/man/isms-obj.h2m
#       -DOUTDIR=dir -DEPOCH=seconds -P from_cli.cmake
#
# Everything made from the built binary's own command-line definition, so
# none of it can drift from the program:
#   OUTDIR/man/isms-obj.1 and one isms-obj-<command>.1 per subcommand, made
#     by help2man from --help (the commands are read from --help too);
#   OUTDIR/man/isms-obj-cron.1, from the cron wrapper's --help (CRON);
#   OUTDIR/completions/isms-obj (bash) and _isms-obj (zsh), from
#     `isms-obj completion bash|zsh`.
# Every page is also written compressed (NAME.1.gz, gzip -9n: no name or
# time stamp inside, so the bytes depend on the text alone); those are
# installed.
# EPOCH dates the pages (SOURCE_DATE_EPOCH), so a build is reproducible.
cmake_minimum_required(VERSION 3.22)
foreach(var BINARY HELP2MAN INCLUDE INCLUDE_CRON OUTDIR EPOCH CRON VERSION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "manpages.cmake: ${var} is not set")
  endif()
endforeach()
set(ENV{SOURCE_DATE_EPOCH} "${EPOCH}")
set(ENV{LC_ALL} "C.UTF-8")
set(ENV{ISMS_OBJ_LANG} "en")  # the manual pages are English, whatever store is around
set(man "${OUTDIR}/man")
file(MAKE_DIRECTORY "${man}" "${OUTDIR}/completions")

function(completion shell file)
  execute_process(COMMAND "${BINARY}" completion ${shell} OUTPUT_FILE "${OUTDIR}/completions/${file}"
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${BINARY} completion ${shell} failed")
  endif()
endfunction()
completion(bash isms-obj)
completion(zsh _isms-obj)

execute_process(COMMAND "${BINARY}" --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${BINARY} --help failed")
endif()
string(FIND "${help}" "Subcommands:\n" at)
if(at EQUAL -1)
  message(FATAL_ERROR "no Subcommands: section in ${BINARY} --help")
endif()
string(SUBSTRING "${help}" ${at} -1 section)
string(REPLACE "\n" ";" lines "${section}")
set(commands)
foreach(line IN LISTS lines)
  if(line MATCHES "^  ([a-z][a-z-]*) +(.+)$")
    list(APPEND commands "${CMAKE_MATCH_1}")
    set(summary_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
  elseif(line STREQUAL "")
    if(commands)
      break()
    endif()
  endif()
endforeach()
if(NOT commands)
  message(FATAL_ERROR "no commands found in ${BINARY} --help")
endif()

function(help2man out name_line)
  execute_process(
    COMMAND "${HELP2MAN}" --no-info --locale=C.UTF-8 --no-discard-stderr --version-option=--version
            --name=${name_line} ${ARGN} --output=${out} "${BINARY}"
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man failed for ${out}")
  endif()
endfunction()

# The main page, with SEE ALSO naming every command's page.
set(see_also "[SEE ALSO]\n")
foreach(c IN LISTS commands)
  string(APPEND see_also ".BR \\%isms-obj-${c} (1),\n")
endforeach()
string(APPEND see_also ".BR git (1).\n")
file(WRITE "${man}/see-also.h2m" "${see_also}")
help2man("${man}/isms-obj.1"
         "information-security objectives (ISMS-P-005) on a git-tracked store of YAML records"
         --include=${INCLUDE} --include=${man}/see-also.h2m)

# One page per command: help2man reads `isms-obj <command> --help`; the
# page's name is then made the command's.
foreach(c IN LISTS commands)
  file(WRITE "${man}/${c}.h2m" "[SEE ALSO]\n.BR isms-obj (1)\n")
  set(page "${man}/isms-obj-${c}.1")
  help2man("${page}" "${summary_${c}}" "--help-option=${c} --help" --include=${man}/${c}.h2m)
  file(READ "${page}" text)
  string(TOUPPER "${c}" upper)
  string(REPLACE ".TH ISMS-OBJ \"1\"" ".TH ISMS-OBJ-${upper} \"1\"" text "${text}")
  # help2man re-encodes a non-ASCII --name (§) once more; the NAME line is
  # written here instead, with roff's escapes for backslash and hyphen.
  string(REPLACE "\\" "\\e" summary "${summary_${c}}")
  string(REPLACE "-" "\\-" summary "${summary}")
  string(FIND "${text}" "\n.SH NAME\n" at)
  string(FIND "${text}" "\n.SH SYNOPSIS\n" end)
  if(at EQUAL -1 OR end LESS at)
    message(FATAL_ERROR "no NAME section in ${page}")
  endif()
  string(SUBSTRING "${text}" 0 ${at} head)
  string(SUBSTRING "${text}" ${end} -1 tail)
  set(text "${head}\n.SH NAME\nisms-obj-${c} \\- ${summary}${tail}")
  file(WRITE "${page}" "${text}")
  file(REMOVE "${man}/${c}.h2m")
endforeach()
file(REMOVE "${man}/see-also.h2m")

# The cron wrapper: a shell script whose --help is its header comment.
execute_process(
  COMMAND "${HELP2MAN}" --no-info --locale=C.UTF-8 --no-discard-stderr --version-string=${VERSION}
          "--name=run one isms-obj job for cron, logged and never twice at once"
          --include=${INCLUDE_CRON} --output=${man}/isms-obj-cron.1 "${CRON}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed for isms-obj-cron")
endif()

file(GLOB pages "${man}/*.1")
foreach(page IN LISTS pages)
  execute_process(COMMAND gzip -9nkf "${page}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip failed for ${page}")
  endif()
endforeach()
