/* The floor for stamping an ODT: what any stamp must do, with the same C libraries.
 * Raw-copy every entry except content.xml and meta.xml (the mimetype stays first and stored),
 * inflate each of those two, parse it once with libxml2's streaming SAX2 parser (no callbacks),
 * splice one element before its closing tag (</office:text>, </office:meta>), deflate it again
 * at level 6, write the archive to memory and then to a file.
 * Usage: odf_floor IN.odt OUT.odt */
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static char *read_file(const char *path, long *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END); *len = ftell(f); fseek(f, 0, SEEK_SET);
    char *buf = malloc(*len);
    if (fread(buf, 1, *len, f) != (size_t)*len) { fclose(f); return NULL; }
    fclose(f);
    return buf;
}

int main(int argc, char **argv) {
    if (argc != 3) return 2;
    long len; char *in = read_file(argv[1], &len);
    if (!in) return 1;
    zip_error_t err; zip_error_init(&err);
    zip_t *src = zip_open_from_source(zip_source_buffer_create(in, len, 0, &err), ZIP_RDONLY, &err);
    zip_source_t *target = zip_source_buffer_create(NULL, 0, 0, &err);
    zip_source_keep(target);
    zip_t *dst = zip_open_from_source(target, ZIP_TRUNCATE, &err);
    zip_int64_t n = zip_get_num_entries(src, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st; zip_stat_index(src, i, 0, &st);
        int is_content = strcmp(st.name, "content.xml") == 0;
        if (is_content || strcmp(st.name, "meta.xml") == 0) {
            char *xml = malloc(st.size);
            zip_file_t *zf = zip_fopen_index(src, i, 0);
            zip_uint64_t got = 0; zip_int64_t r;
            while ((r = zip_fread(zf, xml + got, st.size - got)) > 0) got += r;
            zip_fclose(zf);
            xmlSAXHandler sax; memset(&sax, 0, sizeof sax); sax.initialized = XML_SAX2_MAGIC;
            xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
            for (zip_uint64_t off = 0; off < got; off += 1 << 18) {
                zip_uint64_t chunk = got - off < (1 << 18) ? got - off : (1 << 18);
                xmlParseChunk(ctxt, xml + off, (int)chunk, off + chunk >= got);
            }
            xmlFreeParserCtxt(ctxt);
            const char *para = is_content ? "<text:p>AI use disclosure: floor.</text:p>"
                                          : "<meta:user-defined meta:name=\"AI Disclosure\">floor</meta:user-defined>";
            const char *close = is_content ? "</office:text" : "</office:meta";
            size_t cl = strlen(close);
            char *end = NULL;
            for (char *p = xml + got - cl; got >= cl && p >= xml; p--) if (memcmp(p, close, cl) == 0) { end = p; break; }
            size_t pl = strlen(para), before = end ? (size_t)(end - xml) : got;
            char *out = malloc(got + pl);
            memcpy(out, xml, before); memcpy(out + before, para, pl); memcpy(out + before + pl, xml + before, got - before);
            free(xml);
            zip_source_t *s = zip_source_buffer(dst, out, got + pl, 1);
            zip_int64_t idx = zip_file_add(dst, st.name, s, 0);
            zip_set_file_compression(dst, idx, ZIP_CM_DEFLATE, 6);
        } else {
            zip_source_t *s = zip_source_zip(dst, src, i, 0, 0, -1);
            zip_int64_t idx = zip_file_add(dst, st.name, s, 0);
            if (st.comp_method == ZIP_CM_STORE) zip_set_file_compression(dst, idx, ZIP_CM_STORE, 0);
        }
    }
    if (zip_close(dst) != 0) return 1;
    zip_source_open(target);
    FILE *f = fopen(argv[2], "wb");
    char buf[1 << 16]; zip_int64_t r;
    while ((r = zip_source_read(target, buf, sizeof buf)) > 0) fwrite(buf, 1, r, f);
    fclose(f);
    zip_source_close(target); zip_source_free(target);
    zip_discard(src); free(in);
    return 0;
}
