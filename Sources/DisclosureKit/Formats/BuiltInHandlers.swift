/// The handlers built into DisclosureKit. Adding a format adds a folder under
/// `Formats/` and one line here.
let builtInHandlers: [any FormatHandler] = [
    DOCXHandler(),
    PPTXHandler(),
    MarkdownHandler(),
    HTMLHandler(),
    PlainTextHandler(),
    ODTHandler(),
    ODPHandler(),
    PDFHandler(),
]
