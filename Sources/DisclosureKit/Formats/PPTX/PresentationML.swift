import Foundation

/// PresentationML and DrawingML names, and our markers in PowerPoint decks.
enum PresentationML {
    static let main = "http://schemas.openxmlformats.org/presentationml/2006/main"
    static let strictMain = "http://purl.oclc.org/ooxml/presentationml/main"
    static let drawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let officeRels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    /// SmartArt's stored drawing (`dsp:drawing`, Office 2010 and later).
    static let diagramDrawing = "http://schemas.microsoft.com/office/drawing/2008/diagram"

    static let slideRel = officeRels + "/slide"
    static let slideLayoutRel = officeRels + "/slideLayout"
    static let slideMasterRel = officeRels + "/slideMaster"
    static let notesSlideRel = officeRels + "/notesSlide"
    static let commentsRel = officeRels + "/comments"
    /// Modern (threaded) comments, PowerPoint 365.
    static let modernCommentsRel = "http://schemas.microsoft.com/office/2018/10/relationships/comments"
    static let diagramDrawingRel = "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing"
    static let slideContentType = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"

    /// The name of our slide (`p:cSld/@name`, which PowerPoint and LibreOffice keep as the
    /// slide's name) and of its title.
    static let slideName = "AI use disclosure"
    /// The `descr` (alternative text) of our shapes: the tag that marks them as ours.
    static let statementTag = "disclose:statement"
    /// The `name` of our statement shape and of our title shape.
    static let statementShapeName = "AI use disclosure statement"
    static let titleShapeName = "AI use disclosure title"
    /// The relationship id we give our slide in `presentation.xml.rels`.
    static let slideRelIDPrefix = "rIdDiscloseSlide"
    /// Our statement's font size, in hundredths of a point (20 pt: readable when presented).
    static let statementSize = 2000
}

extension PackageWording {
    static let powerPoint = PackageWording(documentNoun: "PowerPoint presentation", fileExtension: ".pptx", programs: "PowerPoint or LibreOffice Impress")
}
