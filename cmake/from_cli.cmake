# cmake -DBINARY=isms-obj -DHELP2MAN=help2man -DPRECONV=preconv -DCRON=isms-obj-cron
#       -DINCLUDE_CRON=docs/man/isms-obj-cron.h2m -DVERSION=x.y.z
#       -DOUTDIR=dir -DEPOCH=seconds -P from_cli.cmake
#
# Everything made from the built binary's own command-line definition, so
# none of it can drift from the program:
#   OUTDIR/man/isms-obj.1 and one isms-obj-<command>.1 per subcommand, made
#     by `isms-obj manual` from its options and each command's documentation;
#   OUTDIR/man/isms-obj-cron.1, from the cron wrapper's --help (CRON);
#   OUTDIR/completions/isms-obj (bash) and _isms-obj (zsh), from
#     `isms-obj completion bash|zsh`.
# Every page is also written compressed (NAME.1.gz, gzip -9n: no name or
# time stamp inside, so the bytes depend on the text alone); those are
# installed.
# EPOCH dates the pages (SOURCE_DATE_EPOCH), so a build is reproducible.
cmake_minimum_required(VERSION 3.22)
foreach(var BINARY HELP2MAN PRECONV INCLUDE_CRON OUTDIR EPOCH CRON VERSION)
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

# isms-obj(1) and one page per command, from the binary's own definition
# (cli/cmd_manual.cpp), made ASCII by preconv: every non-ASCII character
# becomes \[uXXXX], which the page defines a fallback for where the output
# device lacks it.
execute_process(COMMAND "${BINARY}" manual "${man}" --epoch ${EPOCH} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${BINARY} manual failed")
endif()
file(GLOB made "${man}/isms-obj.1" "${man}/isms-obj-*.1")
foreach(page IN LISTS made)
  execute_process(COMMAND "${PRECONV}" -r -e UTF-8 "${page}" OUTPUT_VARIABLE ascii RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "preconv failed for ${page}")
  endif()
  file(WRITE "${page}" "${ascii}")
endforeach()

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
