"""A small CRI client, as the kubelet talks to containerd: Python gRPC stubs generated (once, into
build/cri) from the CRI api.proto that Debian's containerd source package carries.

The proto's gogoproto options only tune Go code generation; they are dropped so that protoc needs
no gogo.proto."""
import importlib
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(TOP, "build", "cri")
PROTO = "vendor/k8s.io/cri-api/pkg/apis/runtime/v1/api.proto"


def unavailable():
    """Why the client cannot be built here, or None."""
    try:
        importlib.import_module("grpc_tools.protoc")
    except ImportError:
        return "python3-grpc-tools is not installed (tools/deps.sh test installs it)"
    return None


def generate():
    if not os.path.exists(os.path.join(OUT, "api_pb2_grpc.py")):
        source = subprocess.run([os.path.join(TOP, "tools", "fetch-source.sh"), "containerd"],
                                capture_output=True, text=True, check=True).stdout.strip()
        with open(os.path.join(source, PROTO)) as f:
            proto = f.read()
        proto = re.sub(r'^import "github.com/gogo/protobuf/gogoproto/gogo.proto";\n', "", proto,
                       flags=re.M)
        proto = re.sub(r"^option \(gogoproto\.[^;]*;\n", "", proto, flags=re.M)
        os.makedirs(OUT, exist_ok=True)
        with open(os.path.join(OUT, "api.proto"), "w") as f:
            f.write(proto)
        subprocess.run([sys.executable, "-m", "grpc_tools.protoc", f"-I{OUT}",
                        f"--python_out={OUT}", f"--grpc_python_out={OUT}", "api.proto"],
                       check=True)
    sys.path.insert(0, OUT)
    return importlib.import_module("api_pb2"), importlib.import_module("api_pb2_grpc")


class Client:
    """The runtime and image services on containerd's socket."""

    def __init__(self, address):
        import grpc

        self.pb, grpc_stubs = generate()
        self.channel = grpc.insecure_channel(f"unix://{address}")
        self.runtime = grpc_stubs.RuntimeServiceStub(self.channel)
        self.images = grpc_stubs.ImageServiceStub(self.channel)

    def close(self):
        self.channel.close()
