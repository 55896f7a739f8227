#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX calls under `FileDurableStore`: retried on EINTR, partial reads
/// and writes looped, every failure named by file and operation.
enum POSIXFile {
    /// Bytes per `read`/`write` call.
    static let chunkBytes = 1 << 20

    static func failure(_ file: String, _ operation: String) -> DurabilityError {
        let code = errno
        let text = strerror(code).map { String(cString: $0) } ?? "unknown error"
        return DurabilityError(.io, file: file, operation: operation, rule: "errno \(code): \(text)")
    }

    /// Opens `path`; `nil` when it does not exist and `missingIsNil`.
    static func openFile(_ path: String, _ flags: Int32, file: String, missingIsNil: Bool = false) throws -> Int32? {
        while true {
            let fd = flags & O_CREAT != 0 ? open(path, flags | O_CLOEXEC, 0o600) : open(path, flags | O_CLOEXEC)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            if errno == ENOENT, missingIsNil { return nil }
            throw failure(file, "open")
        }
    }

    /// Closes without retrying: on Linux the descriptor is gone even after EINTR.
    static func closeFile(_ fd: Int32) { _ = close(fd) }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], file: String) throws {
        var offset = 0
        try bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let count = min(chunkBytes, buffer.count - offset)
                let written = write(fd, buffer.baseAddress.map { $0 + offset }, count)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(file, "write")
                }
                guard written > 0 else {
                    throw DurabilityError(.io, file: file, operation: "write", rule: "write returned 0 bytes")
                }
                offset += written
            }
        }
    }

    /// The whole file from its start, refusing files larger than `bound`.
    static func readAll(_ fd: Int32, bound: Int, file: String) throws -> [UInt8] {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(file, "fstat") }
        guard Int(info.st_size) <= bound else {
            throw DurabilityError(.tooLarge, file: file, operation: "read", rule: "\(info.st_size) bytes exceed the bound of \(bound)")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(chunkBytes, max(1, Int(info.st_size))))
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(file, "read")
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= bound else {
                throw DurabilityError(.tooLarge, file: file, operation: "read", rule: "file grew past the bound of \(bound)")
            }
            bytes += chunk[0..<count]
        }
    }

    static func sync(_ fd: Int32, file: String) throws {
        while fsync(fd) != 0 {
            guard errno == EINTR else { throw failure(file, "fsync") }
        }
    }

    /// Makes the directory's entries (a created or renamed `file`) durable.
    static func syncDirectory(_ directory: String, file: String) throws {
        guard let fd = try openFile(directory, O_RDONLY | O_DIRECTORY, file: directory) else { return }
        defer { closeFile(fd) }
        do {
            try sync(fd, file: directory)
        } catch let error as DurabilityError {
            throw DurabilityError(error.code, file: file, operation: "fsync directory \(directory)", rule: error.rule)
        }
    }

    static func parent(of path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}
