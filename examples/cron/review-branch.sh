# Sourced by the cron jobs that write records (year-end.sh, import-results.sh):
# the records are committed on a review branch of the store's clone, pushed
# for a pull request, and the clone goes back to the branch it was on, so
# that the next pull, status and validate see what was merged, never an
# unmerged branch. Outside a git work tree both functions do nothing.
#
#   branch_begin NAME        switch to NAME (made from the current branch if
#                            new); refuses (exit 3) when the clone is not on a
#                            branch or has uncommitted changes in the store
#   branch_end MESSAGE PATH  commit what changed under PATH with MESSAGE, push
#                            NAME to origin when there is one, switch back; a
#                            branch left without a commit of its own is deleted

review_branch='' home_branch=''

in_work_tree() { git rev-parse --is-inside-work-tree >/dev/null 2>&1; }

branch_begin() {
  review_branch=$1
  in_work_tree || return 0
  home_branch=$(git symbolic-ref -q --short HEAD) || {
    echo "$0: the store's clone is not on a branch; nothing done" >&2
    exit 3
  }
  if [ -n "$(git status --porcelain -- .)" ]; then
    echo "$0: the store's clone has uncommitted changes; nothing done (git status)" >&2
    exit 3
  fi
  git switch -q "$review_branch" 2>/dev/null || git switch -q -c "$review_branch"
}

branch_end() {
  in_work_tree || return 0
  git add -- "$2"
  if ! git diff --cached --quiet; then
    git commit -q -m "$1"
    if git remote get-url origin >/dev/null 2>&1; then git push -q -u origin "$review_branch"; fi
  fi
  git switch -q "$home_branch"
  if [ "$(git rev-parse "$review_branch")" = "$(git rev-parse HEAD)" ]; then
    git branch -q -D "$review_branch"
  fi
}
