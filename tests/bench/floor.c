/* The floor of the benchmark (docs/performance.md): one process, one thread,
 * that reads every byte of every regular file below a directory (hidden
 * entries skipped, as isms-obj skips them) and does nothing with them.
 * Nothing that reads the same files can be faster on the same machine
 * without reading less; `find | xargs cat` is no floor (it starts a process
 * per few thousand files).
 *
 *   floor DIR        prints "FILES BYTES"
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned long long files, bytes;
static char buffer[1 << 16];

static void walk(int dir) {
  DIR* d = fdopendir(dir);
  if (!d) {
    close(dir);
    return;
  }
  struct dirent* e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    if (e->d_type == DT_DIR) {
      int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub >= 0) walk(sub);
    } else if (e->d_type == DT_REG) {
      int f = openat(dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
      if (f < 0) continue;
      ssize_t n;
      while ((n = read(f, buffer, sizeof buffer)) > 0) bytes += (unsigned long long)n;
      close(f);
      ++files;
    }
  }
  closedir(d);
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: floor DIR\n");
    return 2;
  }
  int root = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root < 0) {
    perror(argv[1]);
    return 1;
  }
  walk(root);
  printf("%llu %llu\n", files, bytes);
  return 0;
}
