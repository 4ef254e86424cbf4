@testable import DisclosureKit
import Testing

@Suite struct PersonNameTests {
    @Test(arguments: [
        "Amelia_Khan_History_Essay.docx",
        "Khan Amelia - History essay.docx",
        "history-essay-amelia-khan.docx",
        "Khan, Amelia - essay v2.docx",
        "KHAN Amelia final draft.docx",
        "Amelia Khan_12345_assignsubmission_file_essay.docx",
        "Amelia Khan - History essay.docx",
        "amelia.khan.history.2025-01-25.md",
        "Y10 History Essay FINAL v3 - Amelia Khan.docx",
    ])
    func fileNamesGiveTheName(_ name: String) {
        let person = PersonName.person(relativePath: name, author: nil)
        #expect(person.name == "Amelia Khan", "\(name)")
        #expect(person.source == .fileName)
    }

    @Test func aFolderPerPupilGivesTheName() {
        #expect(PersonName.person(relativePath: "Amelia Khan/essay.docx", author: nil) == ("Amelia Khan", .folderName))
        #expect(PersonName.person(relativePath: "Amelia Khan_12345_assignsubmission_file_/essay.docx", author: nil) == ("Amelia Khan", .folderName))
        // A folder that names the task holds no name.
        #expect(PersonName.person(relativePath: "y10-history/essay.docx", author: nil) == ("", .none))
    }

    @Test func theAuthorPropertyIsTheLastResort() {
        #expect(PersonName.person(relativePath: "essay final.docx", author: "Amelia Khan") == ("Amelia Khan", .authorProperty))
        #expect(PersonName.person(relativePath: "essay final.docx", author: "Khan, Amelia") == ("Amelia Khan", .authorProperty))
        #expect(PersonName.person(relativePath: "essay.docx", author: nil) == ("", .none))
    }

    @Test func theAuthorPropertyDecidesTheOrderOfTheSameWords() {
        // "Ortiz Lane" has no common given name: the written order is kept, unless the author property says otherwise.
        #expect(PersonName.person(relativePath: "Ortiz Lane essay.docx", author: nil).name == "Ortiz Lane")
        #expect(PersonName.person(relativePath: "Ortiz Lane essay.docx", author: "Lane Ortiz").name == "Lane Ortiz")
    }

    @Test func namesKeepTheirShape() {
        #expect(PersonName.fromName("siobhan o'neil - english essay") == "Siobhan O'Neil")
        #expect(PersonName.fromName("Zoë Smith-Jones_History_Essay") == "Zoë Smith-Jones")
        #expect(PersonName.fromName("Jamie McDonald essay") == "Jamie McDonald")
        #expect(PersonName.fromName("Khan Zoë - essay") == "Zoë Khan")
    }

    @Test func wordsThatAreNotANameAreNotTakenAsOne() {
        #expect(PersonName.fromName("History essay final v2") == nil)
        #expect(PersonName.fromName("essay") == nil)
        #expect(PersonName.fromName("Amelia") == nil)
        #expect(PersonName.fromName("Document1") == nil)
    }
}
