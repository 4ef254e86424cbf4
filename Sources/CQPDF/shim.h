#ifndef DISCLOSE_CQPDF_SHIM_H
#define DISCLOSE_CQPDF_SHIM_H
/* qpdf's C API (libqpdf, Apache-2.0). Disclose reads PDF structure through it: objects,
   cross-reference tables and streams, object streams, encryption detection. Only
   Sources/DisclosureKit/Interop/QPDF.swift imports this module. */
#include <qpdf/qpdf-c.h>
#endif
