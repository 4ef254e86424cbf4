/* The floor for stamping a PPTX: what any stamp must do, with the same C libraries.
 * Raw-copy every entry except ppt/presentation.xml; inflate and parse (libxml2's streaming SAX2
 * parser, no callbacks) the presentation and every slide and notes slide, whose text the content
 * binding covers; splice one slide-list entry into presentation.xml and deflate it again at
 * level 6; add one small slide part; write the archive to memory and then to a file.
 * With no OUT argument, it only reads and parses (the floor for verify).
 * Usage: pptx_floor IN.pptx [OUT.pptx] */
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

static char *inflate_entry(zip_t *src, zip_int64_t i, zip_uint64_t size) {
    char *xml = malloc(size ? size : 1);
    zip_file_t *zf = zip_fopen_index(src, i, 0);
    zip_uint64_t got = 0; zip_int64_t r;
    while ((r = zip_fread(zf, xml + got, size - got)) > 0) got += r;
    zip_fclose(zf);
    return xml;
}

static void parse(const char *xml, zip_uint64_t len) {
    xmlSAXHandler sax; memset(&sax, 0, sizeof sax); sax.initialized = XML_SAX2_MAGIC;
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
    for (zip_uint64_t off = 0; off < len; off += 1 << 18) {
        zip_uint64_t chunk = len - off < (1 << 18) ? len - off : (1 << 18);
        xmlParseChunk(ctxt, xml + off, (int)chunk, off + chunk >= len);
    }
    if (len == 0) xmlParseChunk(ctxt, NULL, 0, 1);
    xmlFreeParserCtxt(ctxt);
}

static int is_text_part(const char *name) {
    return strcmp(name, "ppt/presentation.xml") == 0
        || (strncmp(name, "ppt/slides/slide", 16) == 0 && strstr(name, ".xml") && !strstr(name, ".rels"))
        || (strncmp(name, "ppt/notesSlides/notesSlide", 26) == 0 && !strstr(name, ".rels"));
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) return 2;
    long len; char *in = read_file(argv[1], &len);
    if (!in) return 1;
    zip_error_t err; zip_error_init(&err);
    zip_t *src = zip_open_from_source(zip_source_buffer_create(in, len, 0, &err), ZIP_RDONLY, &err);
    zip_source_t *target = NULL; zip_t *dst = NULL;
    if (argc == 3) {
        target = zip_source_buffer_create(NULL, 0, 0, &err);
        zip_source_keep(target);
        dst = zip_open_from_source(target, ZIP_TRUNCATE, &err);
    }
    zip_int64_t n = zip_get_num_entries(src, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st; zip_stat_index(src, i, 0, &st);
        int text = is_text_part(st.name);
        char *xml = text ? inflate_entry(src, i, st.size) : NULL;
        if (xml) parse(xml, st.size);
        if (!dst) { free(xml); continue; }
        if (strcmp(st.name, "ppt/presentation.xml") == 0) {
            const char *entry = "<p:sldId id=\"9999\" r:id=\"rIdFloor\"/>";
            char *end = NULL;
            for (char *p = xml + st.size - 14; p >= xml; p--) if (memcmp(p, "</p:sldIdLst>", 13) == 0) { end = p; break; }
            size_t el = strlen(entry), before = end ? (size_t)(end - xml) : st.size;
            char *out = malloc(st.size + el);
            memcpy(out, xml, before); memcpy(out + before, entry, el); memcpy(out + before + el, xml + before, st.size - before);
            zip_source_t *s = zip_source_buffer(dst, out, st.size + el, 1);
            zip_int64_t idx = zip_file_add(dst, st.name, s, 0);
            zip_set_file_compression(dst, idx, ZIP_CM_DEFLATE, 6);
        } else {
            zip_source_t *s = zip_source_zip(dst, src, i, 0, 0, -1);
            zip_int64_t idx = zip_file_add(dst, st.name, s, 0);
            if (st.comp_method == ZIP_CM_STORE) zip_set_file_compression(dst, idx, ZIP_CM_STORE, 0);
        }
        free(xml);
    }
    if (!dst) { zip_discard(src); free(in); return 0; }
    static const char slide[] = "<p:sld xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"><p:cSld/></p:sld>";
    zip_source_t *s = zip_source_buffer(dst, slide, sizeof slide - 1, 0);
    zip_int64_t idx = zip_file_add(dst, "ppt/slides/slide9999.xml", s, 0);
    zip_set_file_compression(dst, idx, ZIP_CM_DEFLATE, 6);
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
