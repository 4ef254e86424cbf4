import DiscloseTestSupport
@testable import DiscloseServer
@testable import DisclosureKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A multipart/form-data body built for a test request.
struct Multipart {
    let boundary = "disclose-test-\(UUID().uuidString)"
    var data = Data()

    mutating func field(_ name: String, _ value: String) {
        data += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }

    mutating func file(_ name: String, _ filename: String, _ bytes: Data, type: String = "application/octet-stream") {
        data += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
        data += bytes
        data += Data("\r\n".utf8)
    }

    var body: ByteBuffer { ByteBuffer(bytes: data + Data("--\(boundary)--\r\n".utf8)) }
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}

/// Documents, apps and requests for the web app's tests.
enum Serve {
    static let packageRoot = TestRepository.root
    static var schoolPolicy: String { packageRoot.appendingPathComponent("examples/policies/school-trust.toml").path }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "disclose-serve-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// An app with its own temporary root, so tests can see that nothing is left in it.
    static func app(policy: Bool = false, users: String? = nil, host: String = "127.0.0.1",
                    limits: (inout UploadLimits) -> Void = { _ in }, register: String? = nil) throws -> (ServeApp, String) {
        var configuration = ServeConfiguration()
        configuration.host = host
        configuration.temporaryRoot = try temporaryFolder()
        configuration.policyPath = policy ? schoolPolicy : nil
        configuration.usersPath = users
        configuration.registerPath = register
        limits(&configuration.limits)
        return (try ServeApp(configuration: configuration), configuration.temporaryRoot)
    }

    static func application(_ app: ServeApp) -> some ApplicationProtocol {
        Application(router: app.router())
    }

    static func docx(_ paragraphs: [String], creator: String? = nil) throws -> Data {
        let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        func esc(_ t: String) -> String { t.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        let ps = paragraphs.map { "<w:p><w:r><w:t xml:space=\"preserve\">\(esc($0))</w:t></w:r></w:p>" }.joined()
        let types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>"
        let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(r)/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>"
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"\(w)\" xmlns:r=\"\(r)\"><w:body>\(ps)<w:sectPr/></w:body></w:document>"
        let core = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\(creator.map { "<dc:creator>\(esc($0))</dc:creator>" } ?? "")</cp:coreProperties>"
        return try ZipRebuilder.write(entries: [
            ("[Content_Types].xml", Data(types.utf8), false), ("_rels/.rels", Data(rels.utf8), false),
            ("word/document.xml", Data(document.utf8), false), ("docProps/core.xml", Data(core.utf8), false),
        ])
    }

    static let essay = (1...6).map { "Paragraph \($0) of my essay on the causes of the First World War, with alliances and militarism." }

    /// A class's submissions as one zip, with a folder inside as Moodle makes them.
    static func classZip() throws -> Data {
        try ZipRebuilder.write(entries: [
            ("Amelia_Khan_History_Essay.docx", try docx(essay + ["I used ChatGPT to check my spelling."]), false),
            ("Khan Ben - History essay.docx", try docx(essay), false),
            ("essay final.docx", try docx(essay, creator: "Dan Lee"), false),
            ("Ella Wood/essay.md", Data("# Essay\n\nMy words.\n".utf8), false),
        ])
    }

    /// The value of the CSRF cookie the app hands a new visitor.
    static func csrf(_ client: some TestClientProtocol) async throws -> String {
        let response = try await client.execute(uri: "/check", method: .get)
        let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("disclose_csrf=") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        return String(cookie.dropFirst("disclose_csrf=".count).prefix(64))
    }

    static func headers(_ form: Multipart, csrf: String? = nil, extra: HTTPFields = [:]) -> HTTPFields {
        var headers = extra
        headers[.contentType] = form.contentType
        if let csrf { headers[.cookie] = "disclose_csrf=\(csrf)" }
        return headers
    }

    /// Everything left in `folder`, recursively.
    static func leftovers(_ folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
    }

    static func json(_ body: ByteBuffer) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(buffer: body))
    }
}
