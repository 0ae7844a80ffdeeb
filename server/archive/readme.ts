import { ARCHIVE_FORMAT, type Manifest } from './format';

/**
 * README.txt of an archive: how to check it by hand, years from now, with sha256sum and
 * openssl alone (bash, grep, cut and sed for the plumbing). Chinese first, then English.
 */
export function archiveReadme(building: Manifest['building'], keyFingerprintSha256: string): string {
  const name = `${building.project.name} ${building.name}（${building.code}）`;
  return `工程质量终身责任档案 · ${name}
格式 ${ARCHIVE_FORMAT}（BuildLedger 导出）

一、内容
  manifest.json        清单：除本文件和 seal.json 外每个文件的路径、SHA-256、字节数；台账条数和末端哈希
  seal.json            服务器 Ed25519 印章：对 SHA-256(manifest.json) 的签名、公钥，以及对检查点 {building, count, head} 的签名
  public-key.pem       印章公钥（与 seal.json 中相同）。指纹 SHA-256（SPKI DER）：${keyFingerprintSha256}
  ledger.jsonl         本楼栋的全部台账事件，按序号排列，每行末尾附该事件的链哈希 "hash"
  report.pdf           人可阅读的档案（中文）
  data/files/          已签署的文件（PDF 及其规范化 JSON）、照片、上传的原件，文件名即其 SHA-256
  bagit.txt、bag-info.txt、manifest-sha256.txt   本压缩包同时是 BagIt 包（RFC 8493），data/ 为载荷

二、手工核验（解压后在本目录执行）
  1. 载荷文件：  sha256sum -c manifest-sha256.txt
  2. 其他文件：  sha256sum ledger.jsonl report.pdf README.txt public-key.pem bagit.txt bag-info.txt manifest-sha256.txt
                 与 manifest.json 中对应的 "sha256" 逐一比对。
  3. 印章：
       openssl dgst -sha256 -binary manifest.json > manifest.sha256
       grep -o '"signature":"[^"]*"' seal.json | cut -d'"' -f4 | openssl base64 -d -A > manifest.sig
       openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.sha256 -sigfile manifest.sig
     应输出 "Signature Verified Successfully"。公钥指纹：
       openssl pkey -pubin -in public-key.pem -outform DER | sha256sum
     应与建设单位移交时记录的、或 /api/ledger/public-key 公布的指纹一致。
  4. 台账链：hash_n = SHA-256(hash_{n-1} 的 32 字节 || 事件去掉 "hash" 后的 RFC 8785 规范 JSON)，
     第 1 条的前驱为 32 个零字节。每行去掉末尾的 ,"hash":"…" 并补回 } 即为被哈希的原文：
       prev=0000000000000000000000000000000000000000000000000000000000000000
       while IFS= read -r line; do
         event="\${line%,\\"hash\\":*}}"; hash="\${line##*\\"hash\\":\\"}"; hash="\${hash%\\"\\}}"
         calc=$({ printf "$(printf %s "$prev" | sed 's/../\\\\x&/g')"; printf %s "$event"; } | sha256sum | cut -c1-64)
         [ "$calc" = "$hash" ] || { echo "断链: $event"; break; }; prev=$hash
       done < ledger.jsonl; echo "末端 $prev"
     最后的 prev 应等于 manifest.json 的 ledger.head。
  也可用 BuildLedger 自带的核验程序（不联网、不需数据库）：npm run verify-archive -- 档案.zip

The lifetime quality-responsibility archive of ${name}
Format ${ARCHIVE_FORMAT}, exported by BuildLedger.

Contents: manifest.json lists every other file (path, SHA-256, bytes) except seal.json, and the
ledger's length and head. seal.json is the server's Ed25519 signature over SHA-256(manifest.json)
and over the checkpoint {building, count, head}, with the public key (also in public-key.pem,
SPKI SHA-256 fingerprint ${keyFingerprintSha256}). ledger.jsonl holds the building's events in
order, each line ending with its chain "hash". report.pdf is the human-readable archive (Chinese).
data/files/ holds the signed documents (PDF and canonical JSON), photos and uploaded originals,
each named by its SHA-256. The ZIP is also a BagIt bag (RFC 8493) with data/ as its payload.

To verify by hand, in the unpacked directory:
  1. sha256sum -c manifest-sha256.txt, and compare sha256sum of the root files with manifest.json.
  2. The seal: the three openssl commands of step 3 above print "Signature Verified Successfully";
     compare the key's fingerprint with the one published at /api/ledger/public-key or recorded at
     hand-over.
  3. The chain: hash_n = SHA-256(32 raw bytes of hash_{n-1} || RFC 8785 JSON of event n without
     "hash"), seq from 1, the first predecessor 32 zero bytes; the loop of step 4 above recomputes
     it and must end at manifest.json's ledger.head.
Or run BuildLedger's offline verifier: npm run verify-archive -- archive.zip
`;
}
