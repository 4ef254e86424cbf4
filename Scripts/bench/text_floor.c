/* The floor for stamping a text file: read every byte, write every byte back.
 * Reads IN into memory and writes it to OUT.tmp in OUT's folder, then renames it to OUT.
 * With --fsync it also flushes the file and the folder to disk, as Disclose's atomic writer does.
 * Usage: text_floor [--fsync] IN OUT */
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int durable = argc == 4 && strcmp(argv[1], "--fsync") == 0;
    if (argc != 3 + durable) return 2;
    const char *in = argv[1 + durable], *out = argv[2 + durable];
    int fd = open(in, O_RDONLY);
    if (fd < 0) return 1;
    struct stat st;
    fstat(fd, &st);
    char *buf = malloc(st.st_size + 1);
    size_t got = 0;
    ssize_t r;
    while (got < (size_t)st.st_size && (r = read(fd, buf + got, st.st_size - got)) > 0) got += r;
    close(fd);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", out);
    int wfd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (wfd < 0) return 1;
    for (size_t off = 0; off < got;) {
        ssize_t w = write(wfd, buf + off, got - off);
        if (w <= 0) return 1;
        off += w;
    }
    if (durable && fsync(wfd) != 0) return 1;
    close(wfd);
    if (rename(tmp, out) != 0) return 1;
    if (durable) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", out);
        int dfd = open(dirname(dir), O_RDONLY);
        if (dfd >= 0) { fsync(dfd); close(dfd); }
    }
    free(buf);
    return 0;
}
