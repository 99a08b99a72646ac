import Foundation

/// The bytes of the file at `path`, or nil when it cannot be opened or read. One open, fstat
/// and read straight into the array: a sync reads every file of content/, and
/// `FileManager.contents(atPath:)` then `[UInt8](data)` cost a second copy and Foundation's
/// bookkeeping for each.
public func readFileBytes(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    return readFileBytes(fd: fd)
}

/// The bytes of the open file `fd` from where it stands to its end, or nil when it cannot be read.
public func readFileBytes(fd: Int32) -> [UInt8]? {
    var st = stat()
    guard fstat(fd, &st) == 0 else { return nil }
    // One byte more than the size, so that the first read also sees the end of the file.
    let requested = max(0, Int(st.st_size)) + 1
    var failed = false
    var bytes = [UInt8](unsafeUninitializedCapacity: requested) { buf, count in
        count = readAll(fd, into: UnsafeMutableBufferPointer(rebasing: buf[..<requested]), failed: &failed)
    }
    var full = bytes.count == requested
    while full, !failed {  // the file grew while it was read
        let chunk = 1 << 16
        let more = [UInt8](unsafeUninitializedCapacity: chunk) { buf, count in
            count = readAll(fd, into: UnsafeMutableBufferPointer(rebasing: buf[..<chunk]), failed: &failed)
        }
        bytes += more
        full = more.count == chunk
    }
    return failed ? nil : bytes
}

/// Reads until `buf` is full or the file ends; the count read.
private func readAll(_ fd: Int32, into buf: UnsafeMutableBufferPointer<UInt8>, failed: inout Bool) -> Int {
    var count = 0
    while count < buf.count {
        let n = read(fd, buf.baseAddress! + count, buf.count - count)
        if n < 0 {
            if errno == EINTR { continue }
            failed = true
            return count
        }
        if n == 0 { break }
        count += n
    }
    return count
}
