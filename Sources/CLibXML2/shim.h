#ifndef DISCLOSE_CLIBXML2_SHIM_H
#define DISCLOSE_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its headers would pull in the system ICU headers,
   which clash with the copy inside Foundation. Disclose never touches the ICU-specific
   fields of libxml2's encoding handlers, so hide them.

   The module does not link libxml2. Loading it, with the ICU libraries it needs, cost every
   command about 0.9 MB of resident pages and thousands of symbol look-ups, Markdown and HTML
   runs included, so LibXML2.swift opens it with dlopen (through DynamicLibrary.swift) the first
   time XML is parsed (docs/scale.md, "Start-up: libzip and libxml2 on demand"). The typedefs at
   the end are the functions' own types, taken from libxml2's declarations, so a pointer found by
   dlsym is called with exactly the signature the header gives. The inline helpers only read
   fields. */
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

#define DISCLOSE_XML_FUNCTION(name) typedef __typeof__(&name) disclose_##name##_f;
DISCLOSE_XML_FUNCTION(xmlInitParser)
DISCLOSE_XML_FUNCTION(xmlCreatePushParserCtxt)
DISCLOSE_XML_FUNCTION(xmlFreeParserCtxt)
DISCLOSE_XML_FUNCTION(xmlCtxtUseOptions)
DISCLOSE_XML_FUNCTION(xmlParseChunk)
DISCLOSE_XML_FUNCTION(xmlStopParser)
#undef DISCLOSE_XML_FUNCTION
#endif
