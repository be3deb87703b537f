#!/usr/bin/env python3
"""Generates memvk's entry-point tables from the Vulkan registry.

    gen_entrypoints.py VK_XML EXTENSIONS_TXT OUT_H OUT_C

The registry (vk.xml) says, for every command, which core version or which
extensions provide it, what its first parameter is (and so its scope:
global, instance, physical device or device), what it is an alias of, and
which queue types may execute it.  src/extensions.txt says which extensions
memvk implements.  From those two, and nothing else, this script writes:

  * the extension table (enum + VkExtensionProperties, instance ones first);
  * a prototype memvk_<Name> for every command memvk exposes (aliases share
    the implementation of the command they alias);
  * one sorted table of every command name with its scope, core version and
    providing extensions, which icd.c searches for every proc-address lookup;
  * for commands that only a queue type memvk does not have can execute
    (draws, dispatches, sparse binding...), a definition that aborts with the
    valid-usage rule the application broke.

Every other command must be defined by hand in src/, once; a command memvk
exposes but does not define makes the link fail, so the tables can never
promise a function that does not exist.
"""

import re
import sys
import xml.etree.ElementTree as ET

# The queue capabilities of memvk's one queue family (see src/constants.h).
MEMVK_QUEUE_TYPES = {"transfer"}
MAX_CORE_VERSION = (1, 4)

SCOPE_BY_FIRST_PARAM = {
    "VkInstance": "INSTANCE",
    "VkPhysicalDevice": "PHYSICAL_DEVICE",
    "VkDevice": "DEVICE",
    "VkQueue": "DEVICE",
    "VkCommandBuffer": "DEVICE",
}
GLOBAL_COMMANDS = {
    "vkCreateInstance",
    "vkEnumerateInstanceVersion",
    "vkEnumerateInstanceExtensionProperties",
    "vkEnumerateInstanceLayerProperties",
    "vkGetInstanceProcAddr",
}


def for_vulkan(elem):
    api = elem.get("api")
    return api is None or "vulkan" in api.split(",")


def read_extension_list(path):
    exts = []
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if not line:
                continue
            scope, name = line
            if scope not in ("instance", "device"):
                sys.exit(f"{path}: unknown scope {scope!r}")
            exts.append((scope, name))
    # Instance extensions first, so each kind is one contiguous range.
    return [e for e in exts if e[0] == "instance"] + [e for e in exts if e[0] == "device"]


def depends_satisfied(expr, supported):
    """Evaluates a registry 'depends' expression: ',' is or, '+' is and."""
    if not expr:
        return True
    tokens = re.findall(r"[A-Za-z0-9_:]+|[(),+]", expr)
    pos = 0

    def term():
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        if tok == "(":
            value = disjunction()
            pos += 1  # ')'
            return value
        return tok.split("::")[0] in supported

    def conjunction():
        nonlocal pos
        value = term()
        while pos < len(tokens) and tokens[pos] == "+":
            pos += 1
            value = term() and value
        return value

    def disjunction():
        nonlocal pos
        value = conjunction()
        while pos < len(tokens) and tokens[pos] == ",":
            pos += 1
            value = conjunction() or value
        return value

    return disjunction()


def main():
    vk_xml, ext_txt, out_h, out_c = sys.argv[1:5]
    registry = ET.parse(vk_xml).getroot()
    memvk_exts = read_extension_list(ext_txt)
    ext_index = {name: i for i, (_, name) in enumerate(memvk_exts)}
    if len(memvk_exts) > 64:
        sys.exit("more than 64 extensions: widen memvk_extension_set")

    # --- commands: prototypes, aliases, queues --------------------------------
    commands = {}   # name -> dict(ret, params, queues)
    aliases = {}    # alias name -> target name
    for cmd in registry.find("commands"):
        if not for_vulkan(cmd):
            continue
        if cmd.get("alias"):
            aliases[cmd.get("name")] = cmd.get("alias")
            continue
        proto = cmd.find("proto")
        name = proto.find("name").text
        ret = "".join(proto.itertext())[: -len(name)].strip()
        params = []
        for p in cmd.findall("param"):
            if not for_vulkan(p):
                continue
            params.append((" ".join("".join(p.itertext()).split()), p.find("name").text, p.find("type").text))
        commands[name] = {"ret": ret, "params": params, "queues": cmd.get("queues")}

    def root(name):
        while name in aliases:
            name = aliases[name]
        return name

    # --- what provides each name: core versions, extensions -------------------
    core_version = {}          # name -> (major, minor)
    providers = {}             # name -> set of extension indices
    for feature in registry.findall("feature"):
        if not for_vulkan(feature):
            continue
        major, minor = (int(x) for x in feature.get("number").split("."))
        if (major, minor) > MAX_CORE_VERSION:
            continue
        for req in feature.findall("require"):
            for c in req.findall("command"):
                core_version.setdefault(c.get("name"), (major, minor))

    supported = {name for _, name in memvk_exts}
    supported |= {f"VK_VERSION_1_{m}" for m in range(MAX_CORE_VERSION[1] + 1)}
    spec_versions = {}
    ext_elems = {e.get("name"): e for e in registry.find("extensions")}
    for scope, name in memvk_exts:
        ext = ext_elems.get(name)
        if ext is None or "vulkan" not in ext.get("supported", "").split(","):
            sys.exit(f"{name} is not a Vulkan extension in this registry")
        if ext.get("type") != scope:
            sys.exit(f"{name} is a {ext.get('type')} extension, listed as {scope}")
        if not depends_satisfied(ext.get("depends"), supported):
            sys.exit(f"{name} depends on {ext.get('depends')}, which memvk does not provide")
        for req in ext.findall("require"):
            if not for_vulkan(req):
                continue
            for e in req.findall("enum"):
                if e.get("name", "").endswith("_SPEC_VERSION"):
                    spec_versions[name] = int(e.get("value"))
            if not depends_satisfied(req.get("depends"), supported):
                continue
            for c in req.findall("command"):
                providers.setdefault(c.get("name"), set()).add(ext_index[name])

    exposed = sorted(set(core_version) | set(providers))

    def scope_of(name):
        r = root(name)
        if r in GLOBAL_COMMANDS:
            return "GLOBAL"
        return SCOPE_BY_FIRST_PARAM[commands[r]["params"][0][2]]

    implemented = sorted({root(n) for n in exposed})

    def queue_mismatch(name):
        queues = commands[name]["queues"]
        if not queues:
            return None
        q = set(queues.split(","))
        if q & MEMVK_QUEUE_TYPES:
            return None
        return sorted(q)

    # --- header ---------------------------------------------------------------
    h = []
    h.append("/* Generated by src/gen_entrypoints.py from vk.xml and src/extensions.txt. Do not edit. */")
    h.append("#pragma once")
    h.append("#include <stdint.h>")
    h.append("#include <vulkan/vulkan.h>")
    h.append("")
    h.append("enum memvk_extension {")
    for scope, name in memvk_exts:
        h.append(f"   MEMVK_{name[3:]},")
    h.append("   MEMVK_EXTENSION_COUNT")
    h.append("};")
    n_inst = sum(1 for s, _ in memvk_exts if s == "instance")
    h.append(f"#define MEMVK_FIRST_INSTANCE_EXTENSION 0")
    h.append(f"#define MEMVK_INSTANCE_EXTENSION_COUNT {n_inst}")
    h.append(f"#define MEMVK_FIRST_DEVICE_EXTENSION {n_inst}")
    h.append(f"#define MEMVK_DEVICE_EXTENSION_COUNT {len(memvk_exts) - n_inst}")
    h.append("")
    h.append("/* A set of extensions: bit i stands for enum memvk_extension i. */")
    h.append("typedef uint64_t memvk_extension_set;")
    h.append("#define MEMVK_EXTENSION_BIT(e) ((memvk_extension_set)1 << (e))")
    h.append("")
    h.append("extern const VkExtensionProperties memvk_extension_properties[MEMVK_EXTENSION_COUNT];")
    h.append("")
    h.append("enum memvk_command_scope {")
    h.append("   MEMVK_SCOPE_GLOBAL,")
    h.append("   MEMVK_SCOPE_INSTANCE,")
    h.append("   MEMVK_SCOPE_PHYSICAL_DEVICE,")
    h.append("   MEMVK_SCOPE_DEVICE,")
    h.append("};")
    h.append("")
    h.append("struct memvk_command {")
    h.append("   const char *name;")
    h.append("   PFN_vkVoidFunction function;")
    h.append("   enum memvk_command_scope scope;")
    h.append("   /* VK_MAKE_API_VERSION of the core version that has this name, 0 if none. */")
    h.append("   uint32_t core_version;")
    h.append("   /* The extensions that provide this name. */")
    h.append("   memvk_extension_set extensions;")
    h.append("};")
    h.append("")
    h.append(f"#define MEMVK_COMMAND_COUNT {len(exposed)}")
    h.append("/* Every command name memvk knows, sorted by strcmp(). */")
    h.append("extern const struct memvk_command memvk_commands[MEMVK_COMMAND_COUNT];")
    h.append("")
    h.append("/* Implementations, one per command (an alias shares its target's). */")
    for name in implemented:
        c = commands[name]
        params = ", ".join(p[0] for p in c["params"]) or "void"
        h.append(f"VKAPI_ATTR {c['ret']} VKAPI_CALL memvk_{name[2:]}({params});")
    h.append("")

    # --- source ---------------------------------------------------------------
    s = []
    s.append("/* Generated by src/gen_entrypoints.py from vk.xml and src/extensions.txt. Do not edit. */")
    s.append('#include "memvk_entrypoints.h"')
    s.append('#include "queue_rules.h"')
    s.append("")
    s.append("const VkExtensionProperties memvk_extension_properties[MEMVK_EXTENSION_COUNT] = {")
    for _, name in memvk_exts:
        s.append(f'   [MEMVK_{name[3:]}] = {{ "{name}", {spec_versions[name]} }},')
    s.append("};")
    s.append("")
    s.append("/* Every other command is defined by hand in src/.  The references below are")
    s.append(" * weak so that a command not yet written leaves a NULL in the table (every")
    s.append(" * lookup then answers NULL for it) instead of failing the link;")
    s.append(" * tests/unit/entrypoints.c fails while any entry is NULL. */")
    for name in implemented:
        if not queue_mismatch(name):
            s.append(f"#pragma weak memvk_{name[2:]}")
    s.append("")
    s.append("const struct memvk_command memvk_commands[MEMVK_COMMAND_COUNT] = {")
    for name in exposed:
        ver = core_version.get(name)
        ver_c = f"VK_MAKE_API_VERSION(0, {ver[0]}, {ver[1]}, 0)" if ver else "0"
        bits = " | ".join(f"MEMVK_EXTENSION_BIT(MEMVK_{memvk_exts[i][1][3:]})" for i in sorted(providers.get(name, ()))) or "0"
        s.append(f'   {{ "{name}", (PFN_vkVoidFunction)memvk_{root(name)[2:]}, MEMVK_SCOPE_{scope_of(name)}, {ver_c}, {bits} }},')
    s.append("};")
    s.append("")
    s.append("/* Commands that only queue types memvk does not offer may execute.  memvk's")
    s.append(" * one queue family supports transfer operations only, so recording or")
    s.append(" * submitting one of these is invalid usage the spec leaves undefined:")
    s.append(" * abort, naming the rule. */")
    for name in implemented:
        q = queue_mismatch(name)
        if not q:
            continue
        c = commands[name]
        params = ", ".join(p[0] for p in c["params"])
        s.append(f"VKAPI_ATTR {c['ret']} VKAPI_CALL memvk_{name[2:]}({params})")
        s.append("{")
        for p in c["params"]:
            s.append(f"   (void){p[1]};")
        s.append(f'   memvk_abort_queue_type("{name}", "{",".join(q)}");')
        s.append("}")
        s.append("")

    with open(out_h, "w") as f:
        f.write("\n".join(h))
    with open(out_c, "w") as f:
        f.write("\n".join(s))


if __name__ == "__main__":
    main()
