/* A second floor for stamping a text file: what a stamp that must understand the document does
 * at least. Reads IN, parses it once with the same parser Disclose uses (cmark-gfm with the
 * table, strikethrough, autolink and tasklist extensions and source positions for .md; gumbo
 * for .html), splices one paragraph in at the end, and writes the result durably (temporary
 * file, fsync, rename, fsync of the folder), as Disclose's atomic writer does.
 * Usage: text_parse_floor IN OUT */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <fcntl.h>
#include <gumbo.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) return 2;
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) return 1;
    struct stat st;
    fstat(fd, &st);
    char *buf = malloc(st.st_size + 1);
    size_t got = 0;
    ssize_t r;
    while (got < (size_t)st.st_size && (r = read(fd, buf + got, st.st_size - got)) > 0) got += r;
    close(fd);
    const char *insert;
    size_t len = strlen(argv[1]);
    if (len > 3 && strcmp(argv[1] + len - 3, ".md") == 0) {
        cmark_gfm_core_extensions_ensure_registered();
        cmark_parser *parser = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES);
        const char *names[] = {"table", "strikethrough", "autolink", "tasklist"};
        for (int i = 0; i < 4; i++) cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(names[i]));
        cmark_parser_feed(parser, buf, got);
        cmark_node *root = cmark_parser_finish(parser);
        cmark_node_free(root);
        cmark_parser_free(parser);
        insert = "\n> AI use disclosure: floor.\n";
    } else {
        GumboOptions options = kGumboDefaultOptions;
        options.max_errors = 0;
        GumboOutput *output = gumbo_parse_with_options(&options, buf, got);
        gumbo_destroy_output(&options, output);
        insert = "<aside><p>AI use disclosure: floor.</p></aside>\n";
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    int wfd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (wfd < 0) return 1;
    if (write(wfd, buf, got) != (ssize_t)got) return 1;
    if (write(wfd, insert, strlen(insert)) != (ssize_t)strlen(insert)) return 1;
    if (fsync(wfd) != 0) return 1;
    close(wfd);
    if (rename(tmp, argv[2]) != 0) return 1;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", argv[2]);
    int dfd = open(dirname(dir), O_RDONLY);
    if (dfd >= 0) { fsync(dfd); close(dfd); }
    free(buf);
    return 0;
}
