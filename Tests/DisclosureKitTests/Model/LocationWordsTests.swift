@testable import DisclosureKit
import Foundation
import Testing

@Suite struct LocationWordsTests {
    @Test func streamsGiveWordsAReaderUnderstands() {
        #expect(Location.placeWords(stream: "body", index: 4, count: 30) == "paragraph 4 of 30")
        #expect(Location.placeWords(stream: "body", index: 30, count: 30) == "end of the document (paragraph 30 of 30)")
        #expect(Location.placeWords(stream: "body", index: 28, count: 30) == "end of the document (paragraph 28 of 30)")
        #expect(Location.placeWords(stream: "body", index: 27, count: 30) == "paragraph 27 of 30")
        #expect(Location.placeWords(stream: "body", index: 1, count: 30) == "start of the document (paragraph 1 of 30)")
        #expect(Location.placeWords(stream: "body", index: 2, count: 3) == "paragraph 2 of 3")
        #expect(Location.placeWords(stream: "headers", index: 1, count: 1) == "in the page header")
        #expect(Location.placeWords(stream: "footers", index: 1, count: 1) == "in the page footer")
        #expect(Location.placeWords(stream: "footnotes", index: 2, count: 3) == "in a footnote")
        #expect(Location.placeWords(stream: "comments", index: 1, count: 1) == "in a comment")
    }

    @Test func wordsAreEncodedAsWhereBesideTheExactPlace() throws {
        let location = Location(part: "word/document.xml", paragraph: 4, byteOffset: 120, words: "paragraph 4 of 30")
        let json = String(decoding: try JSONEncoder.sorted.encode(location), as: UTF8.self)
        #expect(json == #"{"byteOffset":120,"paragraph":4,"part":"word/document.xml","where":"paragraph 4 of 30"}"#)
        #expect(try JSONDecoder().decode(Location.self, from: Data(json.utf8)) == location)
        #expect(Location(part: "word/document.xml").plainWords == "in the file's metadata")
        #expect(Location(line: 7, column: 3).plainWords == "line 7")
    }

    @Test func aDOCXHeaderDeclarationIsInThePageHeader() throws {
        let data = try TestDOCX.make(body: ["My essay about the causes of the First World War.", "It was long."], header: ["Amelia Khan, 10B"])
        let document = try DOCXHandler().open(DocumentInput(data: data, path: "e.docx"))
        let text = try document.text().describingPlaces()
        #expect(text.streams.map(\.name) == ["body", "headers"])
        #expect(text.streams[1].paragraphs[0].location.words == "in the page header")
        #expect(text.streams[1].paragraphs[0].location.part == "word/header1.xml")
        #expect(text.body[1].location.words == "paragraph 2 of 2")
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
