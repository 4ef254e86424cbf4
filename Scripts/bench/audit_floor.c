/* The floors for Scripts/bench-audit.
 *   audit_floor walk FOLDER   walk the tree with nftw (lstat of every entry, no symlinks followed)
 *   audit_floor read FOLDER   the same walk, reading every byte of every regular file once
 * Prints the number of files and bytes. Single-threaded, 64 KiB reads. */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int reading;
static long long files, bytes;
static char buffer[1 << 16];

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw) {
    (void)st; (void)ftw;
    if (type != FTW_F) return 0;
    files++;
    if (!reading) return 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0) return 0;
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) bytes += n;
    close(fd);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: audit_floor walk|read FOLDER\n"); return 2; }
    reading = strcmp(argv[1], "read") == 0;
    if (nftw(argv[2], visit, 64, FTW_PHYS) != 0) { perror(argv[2]); return 3; }
    printf("%lld files, %lld bytes\n", files, bytes);
    return 0;
}
