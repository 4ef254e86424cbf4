// swift-tools-version:6.0
import PackageDescription

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
    ],
    targets: [
        .systemLibrary(
            name: "CLibZip", pkgConfig: "libzip",
            providers: [.apt(["libzip-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(
            name: "CGumbo", pkgConfig: "gumbo",
            providers: [.apt(["libgumbo-dev"])]),
        .target(
            name: "DisclosureKit",
            dependencies: [
                "CLibZip", "CLibXML2", "CCmarkGFM", "CGumbo",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Formats/README.md"]),
        .executableTarget(
            name: "disclose",
            dependencies: [
                "DisclosureKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(
            name: "DisclosureKitTests",
            dependencies: ["DisclosureKit"]),
        .testTarget(
            name: "discloseTests",
            dependencies: ["DisclosureKit"]),
    ],
    swiftLanguageModes: [.v5]
)
