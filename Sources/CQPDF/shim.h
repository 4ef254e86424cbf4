#ifndef DISCLOSE_CQPDF_SHIM_H
#define DISCLOSE_CQPDF_SHIM_H
/* qpdf's C API (libqpdf, Apache-2.0). Disclose reads PDF structure through it: objects,
   cross-reference tables and streams, object streams, encryption detection. Only
   Sources/DisclosureKit/Interop/QPDF.swift imports this module.

   The module does not link libqpdf. Loading it (with GnuTLS, libjpeg and the eleven libraries
   they bring) took about a third of every command's start-up, PDF or not, so QPDF.swift opens
   it with dlopen (through DynamicLibrary.swift) the first time a PDF is read. The types below
   are the functions' own types, taken from qpdf's declarations, so a pointer found by dlsym is
   called with exactly the signature the header gives. */
#include <qpdf/qpdf-c.h>

#define DISCLOSE_QPDF_FUNCTION(name) typedef __typeof__(&name) disclose_##name##_f;
DISCLOSE_QPDF_FUNCTION(qpdf_init)
DISCLOSE_QPDF_FUNCTION(qpdf_cleanup)
DISCLOSE_QPDF_FUNCTION(qpdf_silence_errors)
DISCLOSE_QPDF_FUNCTION(qpdf_set_suppress_warnings)
DISCLOSE_QPDF_FUNCTION(qpdf_set_attempt_recovery)
DISCLOSE_QPDF_FUNCTION(qpdf_read_memory)
DISCLOSE_QPDF_FUNCTION(qpdf_has_error)
DISCLOSE_QPDF_FUNCTION(qpdf_get_error)
DISCLOSE_QPDF_FUNCTION(qpdf_get_error_code)
DISCLOSE_QPDF_FUNCTION(qpdf_get_error_message_detail)
DISCLOSE_QPDF_FUNCTION(qpdf_get_error_full_text)
DISCLOSE_QPDF_FUNCTION(qpdf_get_error_file_position)
DISCLOSE_QPDF_FUNCTION(qpdf_more_warnings)
DISCLOSE_QPDF_FUNCTION(qpdf_next_warning)
DISCLOSE_QPDF_FUNCTION(qpdf_get_num_pages)
DISCLOSE_QPDF_FUNCTION(qpdf_get_page_n)
DISCLOSE_QPDF_FUNCTION(qpdf_get_pdf_version)
DISCLOSE_QPDF_FUNCTION(qpdf_is_encrypted)
DISCLOSE_QPDF_FUNCTION(qpdf_get_trailer)
DISCLOSE_QPDF_FUNCTION(qpdf_get_object_by_id)
DISCLOSE_QPDF_FUNCTION(qpdf_get_last_string_length)
DISCLOSE_QPDF_FUNCTION(qpdf_oh_release)
DISCLOSE_QPDF_FUNCTION(qpdf_oh_is_stream)
DISCLOSE_QPDF_FUNCTION(qpdf_oh_get_dict)
DISCLOSE_QPDF_FUNCTION(qpdf_oh_get_key)
DISCLOSE_QPDF_FUNCTION(qpdf_oh_get_value_as_int)
DISCLOSE_QPDF_FUNCTION(qpdf_oh_get_type_code)
DISCLOSE_QPDF_FUNCTION(qpdf_oh_get_object_id)
DISCLOSE_QPDF_FUNCTION(qpdf_oh_get_generation)
DISCLOSE_QPDF_FUNCTION(qpdf_oh_get_stream_data)
DISCLOSE_QPDF_FUNCTION(qpdf_oh_unparse_resolved)
#undef DISCLOSE_QPDF_FUNCTION
#endif
