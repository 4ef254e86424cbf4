import Foundation

/// Every signal the audit looks for. The single list; `docs/signals.md` documents each entry.
public enum SignalCatalogue {
    /// All signals, by family then id.
    public static let all: [SignalDescriptor] =
        MetadataSignals.descriptors + ProvenanceSignals.descriptors
        + ResidueSignals.descriptors + LinkSignals.descriptors + MarkupSignals.descriptors
        + TypographySignals.descriptors

    /// The descriptor for `id`, when the catalogue has one.
    public static func descriptor(id: String) -> SignalDescriptor? {
        all.first { $0.id.rawValue == id }
    }
}
