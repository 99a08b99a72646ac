/// SplitMix64: a small seeded generator for the randomized tests, so that a failing seed
/// replays the same steps.
public struct SplitMix: RandomNumberGenerator {
    public var state: UInt64
    /// Seeds n and n + 1 must not give one sequence shifted by a step: the seed is mixed first.
    public init(seed: UInt64) {
        state = seed
        state = next()
    }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
