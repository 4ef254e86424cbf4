import Foundation

/// Finds signals of AI assistance and declarations made another way in one document.
/// Deterministic, and never a judgement about the writing's style.
public struct EvidenceScanner: Sendable {
    /// Creates a scanner.
    public init() {}

    /// Scans one document.
    public func scan(_ input: EvidenceInput) -> Evidence {
        Evidence()
    }
}
