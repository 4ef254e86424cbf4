import DiscloseFuzzTargets
import Foundation

// Built with `-sanitize=fuzzer,address -D FUZZING` by Scripts/fuzz, this is a libFuzzer
// target; built normally, it replays files given as arguments. The target is chosen by
// the DISCLOSE_FUZZ_TARGET environment variable: a registered format's id or `disclosure`
// (`disclose-fuzz --list` prints them).

let fuzzTarget: FuzzTarget = {
    if CommandLine.arguments.dropFirst().first == "--list" {
        print(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))
        exit(0)
    }
    let name = ProcessInfo.processInfo.environment["DISCLOSE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("set DISCLOSE_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return target
}()

#if FUZZING
// SwiftPM links executables with `main` renamed to `disclose_fuzz_main`, so this target
// provides that symbol and hands control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("disclose_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    _ = fuzzTarget
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in
        fuzzTarget.run(bytes.map { Data(bytes: $0, count: size) } ?? Data())
        return 0
    }
}
#else
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let accepted = fuzzTarget.run(data)
            print("\(path): \(accepted ? "accepted" : "refused cleanly")")
        }
    }
}
#endif
