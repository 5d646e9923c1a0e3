//! A prefix of a file: the first bytes the browser read with `Blob.slice(0, n)`.
//! Reads that run past its end fail with [`Error::NeedMoreData`] naming how many
//! bytes would be needed, so the caller can read that much and ask again.

use crate::error::{Error, Result};

/// The first bytes of a file, with big- and little-endian readers at absolute offsets.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Prefix<'a> {
    bytes: &'a [u8],
    what: &'static str,
}

impl<'a> Prefix<'a> {
    /// Wraps `bytes`; `what` names the structure read, for error messages.
    pub(crate) fn new(bytes: &'a [u8], what: &'static str) -> Self {
        Prefix { bytes, what }
    }

    /// How many bytes are available.
    pub(crate) fn len(&self) -> u64 {
        self.bytes.len() as u64
    }

    /// `len` bytes at `offset`, or `NeedMoreData` up to `offset + len`.
    pub(crate) fn slice(&self, offset: u64, len: u64) -> Result<&'a [u8]> {
        let end = offset.saturating_add(len);
        let range = usize::try_from(offset)
            .ok()
            .zip(usize::try_from(end).ok())
            .and_then(|(start, end)| self.bytes.get(start..end));
        range.ok_or(Error::NeedMoreData {
            what: self.what,
            needed: end,
            available: self.len(),
        })
    }

    /// Fails with `NeedMoreData` unless `end` bytes are available.
    pub(crate) fn require(&self, end: u64) -> Result<()> {
        self.slice(0, end).map(|_| ())
    }

    pub(crate) fn u8(&self, offset: u64) -> Result<u8> {
        Ok(self.array::<1>(offset)?[0])
    }

    pub(crate) fn u16_be(&self, offset: u64) -> Result<u16> {
        self.array(offset).map(u16::from_be_bytes)
    }

    pub(crate) fn u16_le(&self, offset: u64) -> Result<u16> {
        self.array(offset).map(u16::from_le_bytes)
    }

    pub(crate) fn u24_le(&self, offset: u64) -> Result<u32> {
        let [a, b, c] = self.array(offset)?;
        Ok(u32::from_le_bytes([a, b, c, 0]))
    }

    pub(crate) fn u32_be(&self, offset: u64) -> Result<u32> {
        self.array(offset).map(u32::from_be_bytes)
    }

    pub(crate) fn u32_le(&self, offset: u64) -> Result<u32> {
        self.array(offset).map(u32::from_le_bytes)
    }

    pub(crate) fn u64_be(&self, offset: u64) -> Result<u64> {
        self.array(offset).map(u64::from_be_bytes)
    }

    fn array<const N: usize>(&self, offset: u64) -> Result<[u8; N]> {
        let bytes = self.slice(offset, N as u64)?;
        let mut out = [0u8; N];
        out.copy_from_slice(bytes);
        Ok(out)
    }

    /// A malformed-data error about this structure.
    pub(crate) fn malformed(&self, reason: impl Into<String>) -> Error {
        Error::malformed(self.what, reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_past_the_end_asks_for_exactly_enough() {
        let prefix = Prefix::new(&[1, 2, 3], "test header");
        match prefix.u32_be(1) {
            Err(Error::NeedMoreData {
                needed, available, ..
            }) => {
                assert_eq!(needed, 5);
                assert_eq!(available, 3);
            }
            other => panic!("expected NeedMoreData, got {other:?}"),
        }
    }

    #[test]
    fn both_byte_orders_read() {
        let prefix = Prefix::new(&[0x12, 0x34, 0x56], "test");
        assert_eq!(prefix.u16_be(0).unwrap(), 0x1234);
        assert_eq!(prefix.u16_le(0).unwrap(), 0x3412);
        assert_eq!(prefix.u24_le(0).unwrap(), 0x56_3412);
    }

    #[test]
    fn offsets_near_u64_max_do_not_overflow() {
        let prefix = Prefix::new(&[0; 4], "test");
        assert!(matches!(
            prefix.slice(u64::MAX - 1, 8),
            Err(Error::NeedMoreData {
                needed: u64::MAX,
                ..
            })
        ));
    }
}
