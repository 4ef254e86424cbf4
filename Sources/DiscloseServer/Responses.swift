import DisclosureKit
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Making responses: pages, JSON, downloads, redirects and errors.
enum Reply {
    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func json(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return json((try? encoder.encode(value)) ?? Data("{}".utf8), status: status)
    }

    /// A JSON error: `{"error": {"code": …, "message": …, "field"?: …, "rule"?: …}}`.
    static func jsonError(_ status: HTTPResponse.Status, code: APIErrorCode, message: String, field: String? = nil, rule: String? = nil) -> Response {
        var error = ["code": code.rawValue, "message": message]
        if let field { error["field"] = field }
        if let rule { error["rule"] = rule }
        return json(["error": error], status: status)
    }

    static func download(_ data: Data, type: String, name: String) -> Response {
        var headers: HTTPFields = [.contentType: type]
        headers[.contentDisposition] = FileName.disposition(name)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers: HTTPFields = [.contentType: type]
        headers[.cacheControl] = "max-age=3600"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The `code` of a JSON error; docs/api.yaml lists the same values.
enum APIErrorCode: String, CaseIterable {
    case field, policy, document
    case tooLarge = "too-large", tooManyFiles = "too-many-files", badUpload = "bad-upload", busy, timeout
    case foreignOrigin = "foreign-origin", csrf, signIn = "sign-in", server, http
}

/// Running the library's synchronous work off Swift's cooperative threads.
enum Blocking {
    /// Runs `body` on a Dispatch thread. When the calling task is cancelled (the request ran out
    /// of time), returns at once with `CancellationError`; `body` finishes unseen.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let once = Once<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                once.set(continuation)
                DispatchQueue.global().async { once.resume(with: Result { try body() }) }
            }
        } onCancel: {
            once.resume(with: .failure(CancellationError()))
        }
    }

    /// Resumes a continuation exactly once, whichever comes first: the result or the cancellation.
    final class Once<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<T, Error>?
            var early: Result<T, Error>?
            var done = false
        }
        private let state = Locked(State())

        func set(_ continuation: CheckedContinuation<T, Error>) {
            let early: Result<T, Error>? = state.withLock { state in
                if let early = state.early, !state.done {
                    state.done = true
                    return early
                }
                state.continuation = continuation
                return nil
            }
            if let early { continuation.resume(with: early) }
        }

        func resume(with result: Result<T, Error>) {
            let waiting: CheckedContinuation<T, Error>? = state.withLock { state in
                guard !state.done else { return nil }
                guard let continuation = state.continuation else { state.early = result; return nil }
                state.done = true
                state.continuation = nil
                return continuation
            }
            waiting?.resume(with: result)
        }
    }
}

/// `application/x-www-form-urlencoded` bodies (sign-in, downloads).
enum URLForm {
    static func parse(_ text: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { (String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding) ?? "" }
            out[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return out
    }

    static func read(_ request: Request, limit: Int) async throws -> [String: [String]] {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch {
            throw UploadError.tooLarge("the form is larger than \(ByteCount.describe(limit)).")
        }
        return parse(String(buffer: buffer))
    }
}
