import DisclosureKit
import Foundation
import Hummingbird
import NIOCore

/// A per-request temporary folder (mode 0700) holding the uploaded and stamped bytes. The
/// handler removes it when the response is made, on errors too; nothing else is kept.
final class RequestFolder: Sendable {
    let path: String

    init(root: String) throws {
        let path = (root as NSString).appendingPathComponent("disclose-serve-" + Token.make().prefix(16))
        guard mkdir(path, 0o700) == 0 else {
            throw UploadError.server("cannot make a temporary folder for the upload (\(String(cString: strerror(errno))))")
        }
        self.path = path
    }

    /// A new numbered sub-folder for one file, so that two uploads of the same name never meet.
    func slot(_ index: Int) throws -> String {
        let slot = path + "/\(index)"
        try FileManager.default.createDirectory(atPath: slot, withIntermediateDirectories: false)
        return slot
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// One uploaded file: its safe display name and where its bytes lie in the request folder.
struct UploadedFile: Sendable {
    /// The form field it came in.
    var field: String
    /// The name the browser gave, reduced to a safe last component (never used as a path as given).
    var name: String
    /// Its path inside the request folder.
    var path: String
    /// Its size in bytes.
    var size: Int
}

/// A parsed `multipart/form-data` body: text fields and files written to the request folder.
struct Upload: Sendable {
    var fields: [String: [String]] = [:]
    var files: [UploadedFile] = []

    func field(_ name: String) -> String? { fields[name]?.first }

    /// The field's value trimmed, or nil when it is missing or empty (an unchosen select).
    func value(_ name: String) -> String? {
        guard let value = field(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}

/// Why an upload was refused; each has its HTTP status and a sentence for the person.
enum UploadError: Error, Equatable {
    case tooLarge(String)
    case tooMany(String)
    case malformed(String)
    case busy
    case timedOut(Double)
    case server(String)

    var status: HTTPResponse.Status {
        switch self {
        case .tooLarge: return .contentTooLarge
        case .tooMany: return .contentTooLarge
        case .malformed: return .badRequest
        case .busy: return .tooManyRequests
        case .timedOut: return .requestTimeout
        case .server: return .internalServerError
        }
    }

    var message: String {
        switch self {
        case .tooLarge(let m), .tooMany(let m), .malformed(let m), .server(let m): return m
        case .busy: return "the app is busy with other uploads; try again in a minute."
        case .timedOut(let seconds): return "the request took longer than the \(Int(seconds)) seconds the app gives one request; nothing was kept. Send fewer files at a time."
        }
    }
}

enum FileName {
    /// The last path component of what the browser sent, with anything that could act as a
    /// path or control character replaced: `../../x` becomes `x`, `C:\a\b.docx` becomes `b.docx`.
    static func safe(_ given: String) -> String {
        let last = given.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var name = String(last.unicodeScalars.map { scalar -> Character in
            if scalar.value < 32 || scalar.value == 127 || "\"<>|:*?".unicodeScalars.contains(scalar) { return "_" }
            return Character(scalar)
        })
        while name.hasPrefix(".") { name.removeFirst() }
        if name.count > 120 {
            let ext = (name as NSString).pathExtension
            name = String(name.prefix(110)) + (ext.isEmpty ? "" : "." + ext.prefix(8))
        }
        return name.isEmpty ? "upload" : name
    }

    /// The name for a download's `Content-Disposition`: ASCII with `filename*` for the rest.
    static func disposition(_ name: String) -> String {
        let safe = FileName.safe(name)
        let ascii = String(safe.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != ";" ? Character($0) : "_" })
        let encoded = safe.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "._-"))) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}

enum MultipartReader {
    /// Reads a `multipart/form-data` request into `folder`, within `limits`.
    /// - Throws: ``UploadError``.
    static func read(_ request: Request, folder: RequestFolder, limits: UploadLimits) async throws -> Upload {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = boundary(type) else {
            throw UploadError.malformed("send the files as multipart/form-data (a form with enctype=\"multipart/form-data\"), in a field named file.")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limits.maxTotalBytes {
            throw UploadError.tooLarge(tooLargeMessage(limits))
        }
        let parser = FormDataParser(boundary: boundary)
        let state = PartState(folder: folder, limits: limits)
        parser.onHeader = { name, value in state.header(name, value) }
        parser.onBody = { bytes in state.body(bytes) }
        parser.onPartComplete = { state.complete() }
        var received = 0
        for try await buffer in request.body {
            received += buffer.readableBytes
            if received > limits.maxTotalBytes { state.close(); throw UploadError.tooLarge(tooLargeMessage(limits)) }
            do { try buffer.withUnsafeReadableBytes { try parser.execute($0) } } catch {
                state.close()
                throw UploadError.malformed("the upload is not well-formed multipart/form-data; send it again.")
            }
            if let failure = state.failure { state.close(); throw failure }
        }
        state.close()
        if let failure = state.failure { throw failure }
        do { try parser.finish() } catch {
            throw UploadError.malformed("the upload ended before it was complete (the connection may have dropped); send it again.")
        }
        return state.upload
    }

    static func tooLargeMessage(_ limits: UploadLimits) -> String {
        "the upload is larger than the \(ByteCount.describe(limits.maxTotalBytes)) this app takes in one go; send fewer files at a time, or zip them."
    }

    static func boundary(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            if pair.lowercased().hasPrefix("boundary=") {
                let value = pair.dropFirst("boundary=".count)
                return String(value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? value.dropFirst().dropLast() : value)
            }
        }
        return nil
    }
}

/// The parser's state while one body streams in: the current part's headers, and its bytes
/// going to a file (a part with a file name) or to memory (a text field, at most 1 MiB). Used by
/// one request's task only, never shared between threads, so it need not be `Sendable`.
final class PartState {
    let folder: RequestFolder
    let limits: UploadLimits
    var upload = Upload()
    var failure: UploadError?
    private var headers: [String: String] = [:]
    private var handle: FileHandle?
    private var current: UploadedFile?
    private var text = Data()

    static let maxFieldBytes = 1 << 20

    init(folder: RequestFolder, limits: UploadLimits) {
        self.folder = folder
        self.limits = limits
    }

    func header(_ name: String, _ value: String) { headers[name.lowercased()] = value }

    func body(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        if !begun { begin() }
        guard failure == nil else { return }
        if var file = current {
            file.size += bytes.count
            current = file
            if file.size > limits.maxFileBytes {
                failure = .tooLarge("\(file.name) is larger than the \(ByteCount.describe(limits.maxFileBytes)) this app takes for one file.")
                return
            }
            handle?.write(Data(bytes))
        } else {
            text.append(contentsOf: bytes)
            if text.count > PartState.maxFieldBytes { failure = .tooLarge("a form field is larger than 1 MiB.") }
        }
    }

    private var begun = false

    private func begin() {
        begun = true
        let (field, fileName) = PartState.disposition(headers["content-disposition"] ?? "")
        guard let fileName else { return }
        guard upload.files.count < limits.maxFiles else {
            failure = .tooMany("more than \(limits.maxFiles) files in one upload; zip them, or send them in parts.")
            return
        }
        do {
            let slot = try folder.slot(upload.files.count)
            let path = slot + "/" + FileName.safe(fileName)
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                failure = .server("cannot store the upload for checking")
                return
            }
            self.handle = handle
            current = UploadedFile(field: field ?? "file", name: FileName.safe(fileName), path: path, size: 0)
        } catch {
            failure = .server("cannot store the upload for checking")
        }
    }

    func complete() {
        if !begun { begin() }
        let (field, _) = PartState.disposition(headers["content-disposition"] ?? "")
        if let file = current {
            try? handle?.close()
            // An empty file input sends a part with an empty name and no bytes: not a file.
            if !(file.size == 0 && file.name == "upload") { upload.files.append(file) } else { try? FileManager.default.removeItem(atPath: file.path) }
        } else if let field, failure == nil {
            upload.fields[field, default: []].append(String(decoding: text, as: UTF8.self))
        }
        handle = nil
        current = nil
        text = Data()
        headers = [:]
        begun = false
    }

    func close() { try? handle?.close(); handle = nil }

    /// The field name and file name of a `Content-Disposition: form-data; name="…"; filename="…"`.
    static func disposition(_ value: String) -> (name: String?, fileName: String?) {
        var name: String?, fileName: String?
        for part in value.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            guard let eq = pair.firstIndex(of: "=") else { continue }
            let key = pair[..<eq].lowercased()
            var v = String(pair[pair.index(after: eq)...])
            if v.hasPrefix("\"") && v.hasSuffix("\"") && v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            v = v.replacingOccurrences(of: "\\\"", with: "\"")
            if key == "name" { name = v }
            if key == "filename" { fileName = v }
        }
        return (name, fileName)
    }
}
