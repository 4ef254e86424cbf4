#ifndef DISCLOSE_CLIBXML2_SHIM_H
#define DISCLOSE_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its headers would pull in the system ICU headers,
   which clash with the copy inside Foundation. Disclose never touches the ICU-specific
   fields of libxml2's encoding handlers, so hide them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>

/// Byte offset of the parser's current position in the whole input.
static inline long disclose_xml_offset(xmlParserCtxtPtr ctxt) {
    if (ctxt == NULL || ctxt->input == NULL) return -1;
    return (long)ctxt->input->consumed + (long)(ctxt->input->cur - ctxt->input->base);
}

/// The byte at the parser's current position (0 when none).
static inline int disclose_xml_current_byte(xmlParserCtxtPtr ctxt) {
    if (ctxt == NULL || ctxt->input == NULL || ctxt->input->cur == NULL) return 0;
    if (ctxt->input->cur >= ctxt->input->end) return 0;
    return (int)*ctxt->input->cur;
}

/// The byte just before the parser's current position (0 when none).
static inline int disclose_xml_byte_at(xmlParserCtxtPtr ctxt, long delta) {
    if (ctxt == NULL || ctxt->input == NULL || ctxt->input->cur == NULL) return 0;
    const xmlChar *p = ctxt->input->cur + delta;
    if (p < ctxt->input->base || p >= ctxt->input->end) return 0;
    return (int)*p;
}
#endif
