/* The stamping floor of the benchmark (docs/performance.md): what a warm
 * answer cannot avoid. A sound warm run must stamp every file it answers
 * for (an edit in place changes no directory), so nothing that does so can
 * be faster than this program: it lists every directory below DIR (hidden
 * entries skipped, as isms-obj skips them) and stamps every regular file
 * with fstatat relative to its directory, on one thread per core (at most
 * 8, as isms-obj), the subtrees two levels down shared out as the threads
 * come free. It keeps nothing: no names, no sorting.
 *
 *   stamp_floor DIR        prints "FILES"
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { kMaxThreads = 8, kMaxSubtrees = 1 << 20 };

static int root;
static char* subtrees[kMaxSubtrees];
static int subtree_count;
static int next_subtree;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Stamps the files of `dir` (closed on return) and, below `split` levels,
 * its subdirectories' too; at `split`, queues them instead. */
static unsigned long long walk(int dir, const char* path, int depth, int split) {
  unsigned long long files = 0;
  DIR* d = fdopendir(dir);
  if (!d) {
    close(dir);
    return 0;
  }
  struct dirent* e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    if (e->d_type == DT_DIR) {
      char child[4096] = "";
      if (split > 0) snprintf(child, sizeof child, "%s%s%s", path, *path ? "/" : "", e->d_name);
      if (depth + 1 == split) {
        if (subtree_count < kMaxSubtrees) subtrees[subtree_count++] = strdup(child);
        continue;
      }
      int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub >= 0) files += walk(sub, child, depth + 1, split);
    } else if (e->d_type == DT_REG) {
      struct stat st;
      if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) ++files;
    }
  }
  closedir(d);
  return files;
}

static void* worker(void* out) {
  unsigned long long* files = out;
  for (;;) {
    pthread_mutex_lock(&lock);
    int k = next_subtree < subtree_count ? next_subtree++ : -1;
    pthread_mutex_unlock(&lock);
    if (k < 0) return NULL;
    int dir = openat(root, subtrees[k], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir >= 0) *files += walk(dir, "", 2, 0);
  }
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: stamp_floor DIR\n");
    return 2;
  }
  root = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root < 0) {
    perror(argv[1]);
    return 1;
  }
  unsigned long long top = walk(dup(root), "", 0, 2);
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  int threads = cores < 1 ? 1 : cores > kMaxThreads ? kMaxThreads : (int)cores;
  pthread_t t[kMaxThreads];
  unsigned long long counts[kMaxThreads] = {0};
  for (int i = 0; i < threads; ++i) pthread_create(&t[i], NULL, worker, &counts[i]);
  for (int i = 0; i < threads; ++i) {
    pthread_join(t[i], NULL);
    top += counts[i];
  }
  printf("%llu\n", top);
  return 0;
}
