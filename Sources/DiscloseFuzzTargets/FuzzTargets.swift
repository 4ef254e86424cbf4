import DisclosureKit
import Foundation

/// The fuzzing targets: each takes arbitrary bytes and runs one reader over them the way
/// `disclose` would, end to end. A target may throw ``DisclosureError`` (that is a clean
/// refusal); it must never crash, hang or leak. Used by the `disclose-fuzz` executable
/// (libFuzzer, `Scripts/fuzz`) and by the regression tests, which replay every input
/// that once crashed.
public struct FuzzTarget: RawRepresentable, Hashable, CaseIterable, Sendable, CustomStringConvertible {
    /// The target's name: a format id from ``FormatRegistry/standard`` (`docx`, `markdown`, …)
    /// or `disclosure`.
    public let rawValue: String

    /// The target named `rawValue`; nil when no format and no other target has that name.
    public init?(rawValue: String) {
        guard FuzzTarget.allCases.contains(where: { $0.rawValue == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    private init(name: String) { rawValue = name }

    /// The disclosure JSON decoder and the statement renderer.
    public static let disclosure = FuzzTarget(name: "disclosure")

    /// One target per format the registry knows (its reader: package or text, parts, text, stamp
    /// location, stamping and unstamping), then ``disclosure``. A new format gets its target by
    /// being registered.
    public static var allCases: [FuzzTarget] {
        FormatRegistry.standard.handlers.map { FuzzTarget(name: $0.id.rawValue) } + [.disclosure]
    }

    public var description: String { rawValue }

    /// The handler id the target feeds, for the format targets.
    var handlerID: String? { self == .disclosure ? nil : rawValue }

    static let sample = Disclosure(
        tools: [Tool(name: "Fuzz Assistant")], purposes: [.drafting], extent: .partial,
        review: Review(level: .edited, reviewer: "Editor"), declarant: "Fuzzer", date: "2026-12-01")

    /// Runs the target on `data`.
    /// - Returns: true when the input was accepted, false when it was refused with a ``DisclosureError``.
    @discardableResult
    public func run(_ data: Data) -> Bool {
        do {
            try body(data)
            return true
        } catch is DisclosureError {
            return false
        } catch {
            // Errors other than DisclosureError are bugs the fuzzer should see.
            fatalError("\(rawValue): unexpected error type \(type(of: error)): \(error)")
        }
    }

    private func body(_ data: Data) throws {
        guard let id = handlerID else {
            let disclosure = try Disclosure.decode(json: data, path: "fuzz.json")
            _ = StatementRenderer().render(disclosure)
            _ = try disclosure.canonicalJSON()
            return
        }
        guard let handler = FormatRegistry.standard.handler(id: id) else { return }
        let document = try handler.open(DocumentInput(data: data, path: "fuzz"))
        _ = try document.text()
        _ = try document.findStamp()
        _ = try document.metadataEntries()
        var hasher = PartsHasher()
        try document.hashUnmanagedParts(into: &hasher)
        let statement = StatementRenderer().render(Self.sample)
        let request = StampRequest(disclosure: Self.sample, statement: statement, json: try Self.sample.canonicalJSONString(),
                                   facts: Self.sample.keyFacts, placement: data.count % 2 == 0 ? .end : .start)
        let stamped = try document.stamped(request)
        let reopened = try handler.open(DocumentInput(data: stamped, path: "fuzz-stamped"))
        _ = try reopened.findStamp()
        _ = try reopened.unstamped()
    }
}
