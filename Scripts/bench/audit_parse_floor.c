/* A third floor for Scripts/bench-audit: what an audit that must understand each document does
 * at least, with the parsers Disclose uses. Walks FOLDER (nftw, no symlinks followed), reads
 * every regular file whole, and parses it once by its extension:
 *   .html, .htm   gumbo (errors not kept, as Disclose asks)
 *   .md           cmark-gfm with source positions and the table, strikethrough, autolink and
 *                 tasklist extensions
 *   .docx         libzip from the bytes, every entry inflated, and every .xml and .rels entry
 *                 parsed by libxml2's SAX2 parser with a start-element callback (so attributes
 *                 are read)
 * Nothing is looked at after parsing: no text, no evidence, no verification, no output. One
 * thread. Prints the number of files, bytes and files parsed by kind.
 * Usage: audit_parse_floor FOLDER */
#define _XOPEN_SOURCE 700
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <fcntl.h>
#include <ftw.h>
#include <gumbo.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

static long long files, bytes, html, markdown, docx, parts;
static long long elements;

static int ends_with(const char *s, const char *suffix) {
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
                     const xmlChar **namespaces, int nattributes, int ndefaulted, const xmlChar **attributes) {
    (void)ctx; (void)local; (void)prefix; (void)uri; (void)nns; (void)namespaces; (void)ndefaulted; (void)attributes;
    elements += 1 + nattributes;
}

static void parse_markdown(const char *text, size_t size) {
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_SOURCEPOS);
    const char *names[] = {"table", "strikethrough", "autolink", "tasklist"};
    for (int i = 0; i < 4; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(names[i]);
        if (ext) cmark_parser_attach_syntax_extension(parser, ext);
    }
    cmark_parser_feed(parser, text, size);
    cmark_node *doc = cmark_parser_finish(parser);
    cmark_node_free(doc);
    cmark_parser_free(parser);
}

static void parse_docx(const char *data, size_t size) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(data, size, 0, &error);
    if (!source) return;
    zip_t *archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive) { zip_source_free(source); return; }
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    zip_int64_t count = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < count; i++) {
        zip_stat_t st;
        if (zip_stat_index(archive, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) continue;
        zip_file_t *file = zip_fopen_index(archive, i, 0);
        if (!file) continue;
        char *buffer = malloc(st.size + 1);
        zip_int64_t got = zip_fread(file, buffer, st.size);
        zip_fclose(file);
        if (got == (zip_int64_t)st.size && (ends_with(st.name, ".xml") || ends_with(st.name, ".rels"))) {
            xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, st.name);
            xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
            xmlParseChunk(ctxt, buffer, (int)got, 1);
            xmlFreeParserCtxt(ctxt);
            parts++;
        }
        free(buffer);
    }
    zip_close(archive);
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw) {
    (void)ftw;
    if (type != FTW_F) return 0;
    files++;
    int fd = open(path, O_RDONLY);
    if (fd < 0) return 0;
    char *data = malloc(st->st_size + 1);
    size_t got = 0;
    ssize_t n;
    while (got < (size_t)st->st_size && (n = read(fd, data + got, st->st_size - got)) > 0) got += n;
    close(fd);
    bytes += got;
    if (ends_with(path, ".html") || ends_with(path, ".htm")) {
        GumboOptions options = kGumboDefaultOptions;
        options.max_errors = 0;
        GumboOutput *output = gumbo_parse_with_options(&options, data, got);
        gumbo_destroy_output(&options, output);
        html++;
    } else if (ends_with(path, ".md")) {
        parse_markdown(data, got);
        markdown++;
    } else if (ends_with(path, ".docx")) {
        parse_docx(data, got);
        docx++;
    }
    free(data);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: audit_parse_floor FOLDER\n"); return 2; }
    xmlInitParser();
    cmark_gfm_core_extensions_ensure_registered();
    if (nftw(argv[1], visit, 64, FTW_PHYS) != 0) { perror(argv[1]); return 3; }
    printf("%lld files, %lld bytes; parsed %lld HTML, %lld Markdown, %lld DOCX (%lld XML parts)\n",
           files, bytes, html, markdown, docx, parts);
    return 0;
}
