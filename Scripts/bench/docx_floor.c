/* The floor for stamping a DOCX: what any stamp must do, with the same C libraries.
 * Raw-copy every entry except word/document.xml, inflate document.xml, parse it once with
 * libxml2's streaming SAX2 parser (no callbacks), splice one paragraph before </w:body>,
 * deflate it again at level 6, write the archive to memory and then to a file.
 * Usage: docx_floor IN.docx OUT.docx */
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
        if (strcmp(st.name, "word/document.xml") == 0) {
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
            const char *para = "<w:p><w:r><w:t>AI use disclosure: floor.</w:t></w:r></w:p>";
            char *end = NULL;
            for (char *p = xml + got - 8; p >= xml; p--) if (memcmp(p, "</w:body", 8) == 0) { end = p; break; }
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
