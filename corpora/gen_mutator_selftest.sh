#!/bin/sh
# Seeds for the mutator_selftest target: byte 0 = format (0 ether, 1
# radiotap, 2 dns, 3 sct list, 4 darwin, 5 rtnetlink, 6 DER), byte 1 = seed, then
# a committed seed of that format's target.  Deterministic.
set -eu
cd "$(dirname "$0")"
out=mutator_selftest
rm -rf "$out" && mkdir -p "$out"
i=0
for pair in 0:frame_ether 1:frame_radiotap 2:dns 3:sct_list 4:rtmsg_darwin 5:rtnetlink 6:x509_der; do
	fmt=${pair%%:*} dir=${pair#*:}
	for f in $(ls "$dir" | sort | head -4); do
		for seed in 1 200; do
			{ printf "\\$(printf %o "$fmt")\\$(printf %o "$seed")"; cat "$dir/$f"; } >"$out/$dir-$f-$seed"
			i=$((i + 1))
		done
	done
done
echo "$i seeds in corpora/$out"
