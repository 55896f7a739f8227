#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `DurableStore` on real files in one directory, through POSIX calls
/// (R-5.3.1, crash safety). Appends are plain `write`s that a crash may lose
/// or tear until `sync` (`fsync` of the file, and of the directory when the
/// file is new). `writeAtomically` writes a temp file, fsyncs it, renames it
/// over the target and fsyncs the directory. Names are restricted to
/// `[A-Za-z0-9][A-Za-z0-9._-]{0,127}`, so no name leaves the directory.
public final class FileDurableStore: DurableStore {
    public let directory: String
    /// The largest file `read` returns (default 256 MiB).
    public let readBytesMax: Int
    /// Files created since their directory entry was last made durable.
    private var unsyncedNames: Set<String> = []

    /// Opens `directory`, creating it (mode 0700) when missing.
    public init(directory: String, readBytesMax: Int = 1 << 28) throws {
        self.directory = directory
        self.readBytesMax = readBytesMax
        if mkdir(directory, 0o700) == 0 {
            try POSIXFile.syncDirectory(POSIXFile.parent(of: directory), file: directory)
        } else if errno != EEXIST {
            throw POSIXFile.failure(directory, "mkdir")
        }
        var info = stat()
        guard stat(directory, &info) == 0 else { throw POSIXFile.failure(directory, "stat") }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw DurabilityError(.io, file: directory, operation: "open directory", rule: "not a directory")
        }
    }

    /// Whether `name` is a file name this store accepts.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 128, isAlphanumeric(first) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    public func read(_ name: String) throws -> [UInt8] {
        let path = try self.path(name)
        guard let fd = try POSIXFile.openFile(path, O_RDONLY, file: name, missingIsNil: true) else { return [] }
        defer { POSIXFile.closeFile(fd) }
        return try POSIXFile.readAll(fd, bound: readBytesMax, file: name)
    }

    public func size(_ name: String) throws -> Int {
        let path = try self.path(name)
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return 0 }
            throw POSIXFile.failure(name, "stat")
        }
        return Int(info.st_size)
    }

    public func append(_ name: String, _ bytes: [UInt8]) throws {
        let path = try self.path(name)
        let fd: Int32
        if let existing = try POSIXFile.openFile(path, O_WRONLY | O_APPEND, file: name, missingIsNil: true) {
            fd = existing
        } else {
            guard let created = try POSIXFile.openFile(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL, file: name) else {
                throw DurabilityError(.io, file: name, operation: "create", rule: "file could not be created")
            }
            fd = created
            unsyncedNames.insert(name)
        }
        defer { POSIXFile.closeFile(fd) }
        try POSIXFile.writeAll(fd, bytes, file: name)
    }

    public func sync(_ name: String) throws {
        let path = try self.path(name)
        guard let fd = try POSIXFile.openFile(path, O_WRONLY, file: name, missingIsNil: true) else { return }
        defer { POSIXFile.closeFile(fd) }
        try POSIXFile.sync(fd, file: name)
        try syncDirectoryIfNeeded(name)
    }

    public func truncate(_ name: String, to size: Int) throws {
        let path = try self.path(name)
        guard let fd = try POSIXFile.openFile(path, O_WRONLY, file: name, missingIsNil: true) else { return }
        defer { POSIXFile.closeFile(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw POSIXFile.failure(name, "fstat") }
        let target = off_t(min(max(0, size), Int(info.st_size)))
        while ftruncate(fd, target) != 0 {
            guard errno == EINTR else { throw POSIXFile.failure(name, "ftruncate") }
        }
        try POSIXFile.sync(fd, file: name)
        try syncDirectoryIfNeeded(name)
    }

    public func writeAtomically(_ name: String, _ bytes: [UInt8]) throws {
        let path = try self.path(name)
        let temporary = "\(directory)/.\(name).tmp"
        guard let fd = try POSIXFile.openFile(temporary, O_WRONLY | O_CREAT | O_TRUNC, file: ".\(name).tmp") else {
            throw DurabilityError(.io, file: name, operation: "create temp", rule: "temp file could not be created")
        }
        do {
            try POSIXFile.writeAll(fd, bytes, file: ".\(name).tmp")
            try POSIXFile.sync(fd, file: ".\(name).tmp")
        } catch {
            POSIXFile.closeFile(fd)
            unlink(temporary)
            throw error
        }
        POSIXFile.closeFile(fd)
        guard rename(temporary, path) == 0 else { throw POSIXFile.failure(name, "rename") }
        try POSIXFile.syncDirectory(directory, file: name)
        unsyncedNames.remove(name)
    }

    private func path(_ name: String) throws -> String {
        guard Self.isValidName(name) else {
            throw DurabilityError(.invalidName, file: name, operation: "name",
                                  rule: "a name is 1–128 characters of A–Z a–z 0–9 . _ - and starts with a letter or digit")
        }
        return "\(directory)/\(name)"
    }

    private func syncDirectoryIfNeeded(_ name: String) throws {
        guard unsyncedNames.contains(name) else { return }
        try POSIXFile.syncDirectory(directory, file: name)
        unsyncedNames.remove(name)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
