import Foundation

/// WordprocessingML names and our markers in Word documents.
extension OOXML {
    static let wordprocessingML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let strictWordprocessingML = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    static let stylesRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
    static let stylesContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
    static let drawingML = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    /// The `w:tag` value of our content control.
    static let statementTag = "disclose:statement"
    /// The style id of our paragraph style.
    static let styleID = "AIDisclosure"
}
