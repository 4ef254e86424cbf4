@testable import DisclosureKit
import Foundation
import Testing

/// The text Disclose binds and audits: slides in order, shapes in reading order (tables and
/// groups included), SmartArt's stored text, and notes and comments as streams of their own,
/// each placed in words a teacher can follow.
@Suite struct PPTXTextTests {
    static func text(_ fixture: String) throws -> DocumentText {
        try DocumentLoader().open(PPTXFixtures.folder.appendingPathComponent(fixture).path).text()
    }

    static func lines(_ stream: TextStream?) -> [String] {
        (stream?.paragraphs ?? []).map { "\($0.text) | \($0.location.words ?? "-")" }
    }

    @Test func slidesShapesTablesAndGroupsInReadingOrder() throws {
        let text = try Self.text("plain.pptx")
        #expect(text.streams.map(\.name) == ["body", "notes", "comments"])
        #expect(Self.lines(text.streams.first) == [
            "Open day 2026 | slide 1", "Welcome to Oak Hill School | slide 1",
            "Timetable | slide 2", "Tours run every half hour. | slide 2", "Talks are in the hall. | slide 2",
            "Time | slide 2", "Event | slide 2", "10:00 | slide 2", "Head's welcome | slide 2",
            "Getting here | slide 3", "Bus 12 stops outside. | slide 3", "Parking is limited. | slide 3", "Map: see the website. | slide 3",
        ])
        #expect(text.body[3].location.part == "ppt/slides/slide2.xml")
        #expect(text.body[3].location.paragraph == 2)
    }

    @Test func notesAndCommentsAreStreamsOfTheirOwnWithoutSlideNumbers() throws {
        let text = try Self.text("plain.pptx")
        #expect(Self.lines(text.streams.first { $0.name == "notes" }) == [
            "Remind visitors about parking. | notes of slide 2", "Thank the PTA. | notes of slide 2",
        ])
        #expect(Self.lines(text.streams.first { $0.name == "comments" }) == ["Check the bus number. | comment on slide 3"])
    }

    @Test func smartArtTextComesFromItsStoredDrawing() throws {
        let text = try Self.text("smartart.pptx")
        #expect(Self.lines(text.streams.first) == [
            "How we work | slide 1", "Plan | slide 1, in a SmartArt graphic", "Draft | slide 1, in a SmartArt graphic",
            "Review | slide 1, in a SmartArt graphic",
        ])
    }

    @Test func lineBreaksInsideAParagraphAreKept() throws {
        let xml = """
            <?xml version="1.0"?><p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
            xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree>\
            <p:sp><p:nvSpPr><p:cNvPr id="2" name="T"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:txBody><a:p><a:r><a:t>One</a:t></a:r><a:br/>\
            <a:r><a:t>two</a:t></a:r><a:fld id="{1}" type="slidenum"><a:t>3</a:t></a:fld></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>
            """
        let scan = try SlideScanner.scan(Data(xml.utf8), part: "ppt/slides/slide1.xml", path: "deck.pptx", limits: .default)
        #expect(scan.shapes.map(\.paragraphs) == [["One\ntwo3"]])
    }
}
