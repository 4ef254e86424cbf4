// swift-tools-version:6.0
import PackageDescription

/// libxml2's headers live in their own folder (`pkg-config --cflags libxml-2.0` on Debian and
/// Ubuntu); `CLibXML2` no longer names pkg-config, whose `-lxml2` would link the library into every
/// run, so every target that may load the module is given the folder here.
let libxml2Headers: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I/usr/include/libxml2"])]

let package = Package(
    name: "Disclose",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DisclosureKit", targets: ["DisclosureKit"]),
        .executable(name: "disclose", targets: ["disclose"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        .systemLibrary(
            // No pkgConfig: its `-lzip` would link libzip (with libcrypto, libbz2 and liblzma) into
            // every run. Interop/LibZip.swift opens the library with dlopen when an archive is first
            // read or written; only the header is used here (docs/scale.md, "Start-up: libzip and
            // libxml2 on demand").
            name: "CLibZip",
            providers: [.apt(["libzip-dev"])]),
        .systemLibrary(
            // No pkgConfig, for the same reason (`-lxml2` brings ICU): Interop/LibXML2.swift opens
            // libxml2 with dlopen when XML is first parsed. Its headers' folder, which pkg-config
            // gave, is added to every target below (`libxml2Headers`).
            name: "CLibXML2",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CGumbo", pkgConfig: "gumbo",
            providers: [.apt(["libgumbo-dev"])]),
        .systemLibrary(
            // No pkgConfig: its `-lqpdf` would link libqpdf into every run. Interop/QPDF.swift
            // opens the library with dlopen when a PDF is first read; only the header is used here.
            name: "CQPDF",
            providers: [.apt(["libqpdf-dev"])]),
        .target(
            name: "DisclosureKit",
            dependencies: [
                "CLibZip", "CLibXML2", "CCmarkGFM", "CGumbo", "CZlib", "CQPDF",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Formats/README.md", "Formats/PDF/Writer/README.md"]),
        .target(
            name: "DiscloseServer",
            dependencies: [
                "DisclosureKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]),
        .executableTarget(
            name: "disclose",
            dependencies: [
                "DisclosureKit",
                "DiscloseServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [
                // Release builds link with the toolchain's lld and pack the binary's 131,000 relative
                // relocations (RELR, glibc 2.36): the position-independent binary keeps its address
                // randomisation, and every run reads 26 KB of relocations instead of 3.2 MB and
                // is 5 MB smaller in memory (docs/scale.md, "Start-up: packed relocations").
                .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
                             .when(platforms: [.linux], configuration: .release)),
            ]),
        .target(
            name: "DiscloseFuzzTargets",
            dependencies: ["DisclosureKit"]),
        .executableTarget(
            name: "disclose-fuzz",
            dependencies: ["DiscloseFuzzTargets"]),
        .target(
            name: "DiscloseTestSupport",
            dependencies: ["DisclosureKit"],
            path: "Tests/DiscloseTestSupport"),
        .testTarget(
            name: "DisclosureKitTests",
            dependencies: ["DisclosureKit", "DiscloseFuzzTargets", "DiscloseTestSupport"]),
        .testTarget(
            name: "discloseTests",
            dependencies: ["DisclosureKit", "DiscloseTestSupport"]),
        .testTarget(
            name: "DiscloseServerTests",
            dependencies: [
                "DiscloseServer", "DisclosureKit", "DiscloseTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
    ],
    // Every target (library, server, CLI, fuzz targets, test support and tests) compiles in the
    // Swift 6 language mode, so data races are compile errors. Shared mutable state goes behind
    // `Locked<Value>` (Sources/DisclosureKit/Support/Locked.swift); C libraries with process-wide
    // state are made safe in their one Interop file: libxml2 is initialised once before any parser
    // (`XML2Library.loaded`), and cmark-gfm's inline pass, which sets and clears a global
    // character table, runs one at a time (`CmarkGFM.inlinePhase`; docs/markdown-html.md).
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + libxml2Headers
}
