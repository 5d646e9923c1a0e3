//! Writes arriving bytes to disk in bounded batches while hashing them.
//!
//! Memory stays at one batch (4 MiB) per upload in flight, whatever the file size.

use std::io::SeekFrom;
use std::path::Path;

use sha2::{Digest, Sha256};
use tokio::fs::{File, OpenOptions};
use tokio::io::{AsyncSeekExt, AsyncWriteExt};

const BATCH: usize = 4 * 1024 * 1024;

/// A file being written at the end of what it already holds.
#[derive(Debug)]
pub struct Sink {
    file: File,
    hasher: Sha256,
    batch: Vec<u8>,
    written: u64,
}

impl Sink {
    /// Opens `path` for writing at `offset` (created if missing), continuing `hasher`.
    pub async fn open(path: &Path, offset: u64, hasher: Sha256) -> std::io::Result<Sink> {
        let mut file = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(false)
            .open(path)
            .await?;
        file.seek(SeekFrom::Start(offset)).await?;
        Ok(Sink {
            file,
            hasher,
            batch: Vec::with_capacity(BATCH),
            written: 0,
        })
    }

    /// Appends bytes.
    pub async fn write(&mut self, data: &[u8]) -> std::io::Result<()> {
        self.hasher.update(data);
        self.written += data.len() as u64;
        self.batch.extend_from_slice(data);
        if self.batch.len() >= BATCH {
            self.flush_batch().await?;
        }
        Ok(())
    }

    async fn flush_batch(&mut self) -> std::io::Result<()> {
        if !self.batch.is_empty() {
            self.file.write_all(&self.batch).await?;
            self.batch.clear();
        }
        Ok(())
    }

    /// Bytes appended so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Flushes everything; returns the bytes appended and the hash state.
    pub async fn finish(mut self) -> std::io::Result<(u64, Sha256)> {
        self.flush_batch().await?;
        self.file.flush().await?;
        Ok((self.written, self.hasher))
    }
}

/// Cuts a file back to `length` bytes.
pub async fn truncate(path: &Path, length: u64) -> std::io::Result<()> {
    let file = OpenOptions::new().write(true).open(path).await?;
    file.set_len(length).await
}

/// Continues `hasher` over bytes `[from, to)` of a file, for a chunk of which only a
/// part was kept.
pub async fn hash_range(
    path: &Path,
    from: u64,
    to: u64,
    mut hasher: Sha256,
) -> std::io::Result<Sha256> {
    use tokio::io::AsyncReadExt;
    let mut file = File::open(path).await?;
    file.seek(SeekFrom::Start(from)).await?;
    let mut left = to.saturating_sub(from);
    let mut buffer = vec![0u8; 1024 * 1024];
    while left > 0 {
        let want = buffer.len().min(left as usize);
        let slice = buffer.get_mut(..want).unwrap_or_default();
        let read = file.read(slice).await?;
        if read == 0 {
            break;
        }
        hasher.update(slice.get(..read).unwrap_or_default());
        left -= read as u64;
    }
    Ok(hasher)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap_or_else(|error| panic!("{error}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn what_is_written_is_on_disk_and_hashed(chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..5000), 0..8)) {
            let dir = std::env::temp_dir().join(format!("fake-gemini-sink-{}", crate::ids::file_id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("part");
            let (written, hasher) = runtime().block_on(async {
                let mut sink = Sink::open(&path, 0, Sha256::new()).await.unwrap();
                for chunk in &chunks {
                    sink.write(chunk).await.unwrap();
                }
                sink.finish().await.unwrap()
            });
            let all: Vec<u8> = chunks.concat();
            prop_assert_eq!(written, all.len() as u64);
            prop_assert_eq!(std::fs::read(&path).unwrap(), all.clone());
            prop_assert_eq!(hasher.finalize().to_vec(), Sha256::digest(&all).to_vec());
            let half = all.len() as u64 / 2;
            let again = runtime().block_on(hash_range(&path, 0, half, Sha256::new())).unwrap();
            prop_assert_eq!(again.finalize().to_vec(), Sha256::digest(&all[..half as usize]).to_vec());
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }
}
