import Foundation

/// Every signal the audit looks for. The single list; `docs/signals.md` documents each entry.
public enum SignalCatalogue {
    /// All signals, by family then id.
    public static let all: [SignalDescriptor] = []

    /// The descriptor for `id`, when the catalogue has one.
    public static func descriptor(id: String) -> SignalDescriptor? {
        all.first { $0.id == id }
    }
}
