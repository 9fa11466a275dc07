"""Stage 4: openapi-python-client 0.29.1, in process, with our template forks.

Run in process rather than through its CLI so its errors reach us as objects (one clear line
each) and we skip a second interpreter start. Any warning is fatal, exactly as the CLI's
``--fail-on-warning``: a warning there means part of the spec was dropped from the client.

Templates cannot see vendor extensions (openapi-python-client's Endpoint keeps no raw operation),
so ``operation_extensions(endpoint)`` is installed as a template global: forks read the
``x-ebay-*`` extensions that overlays set, and no template names an operation.
"""

import contextlib
import io
from pathlib import Path
from typing import Any

import jinja2
from openapi_python_client import Project
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import GeneratorError
from openapi_python_client.strings import PythonIdentifier

from .errors import PipelineError
from .facadeplan import OPTIONS_DOC, by_client, plan_facade
from .modelplan import ClassRef, ModelPlan, plan_models
from .validate import operations

PACKAGE = "ebay_post_order"
COMPONENT = "/components/schemas/"
TEMPLATES = Path(__file__).parent / "templates"
PAGES_INIT = '"""The page classes of the paginated searches, one module per resource (see ``_pagination``)."""\n'


def render(doc: dict[str, Any], spec_file: Path, package_dir: Path) -> None:
    """Write the package generated from ``doc`` into ``package_dir`` (which must not exist)."""
    config = Config.from_sources(
        ConfigFile(
            package_name_override=PACKAGE,
            project_name_override="ebay-post-order",
            post_hooks=[],  # formatting is the postprocess stage's job, after the header
            docstrings_on_attributes=True,
        ),
        meta_type=MetaType.NONE,
        document_source=spec_file,
        file_encoding="utf-8",
        overwrite=False,
        output_path=package_dir,
    )
    data = GeneratorData.from_dict(doc, config=config)
    if isinstance(data, GeneratorError):
        raise PipelineError(_describe(data))
    _check_nothing_dropped(doc, data)

    project = Project(openapi=data, config=config, custom_template_path=TEMPLATES)
    plans, classes = _install_globals(project, doc, data, config.field_prefix)
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # it prints "Generating <dir>"
            errors = project.build()
    except jinja2.TemplateError as err:
        where = f"{err.filename}:{err.lineno}" if isinstance(err, jinja2.TemplateSyntaxError) else "a template"
        raise PipelineError(f"generator/templates: {where}: {err.message}") from None
    if errors:
        raise PipelineError(_describe(errors[0]))
    _render_facade(project, doc, plans, classes, package_dir)


def _render_facade(
    project: Project, doc: dict[str, Any], plans: dict[str, ModelPlan], classes: dict[str, ClassRef], package_dir: Path
) -> None:
    """Our own post-step: the resource facade (``po.cancellations`` ...) and the search pages."""
    resources = plan_facade(doc, plans, classes)
    context = {"options_doc": list(OPTIONS_DOC)}
    folders = {name: package_dir / name for name in ("resources", "pages")}
    for folder in folders.values():
        folder.mkdir()
    for resource in resources:
        text = project.env.get_template("facade/resource.py.jinja").render(resource=resource, **context)
        (folders["resources"] / f"{resource.module}.py").write_text(text, encoding="utf-8")
        if resource.pages:
            text = project.env.get_template("facade/pages.py.jinja").render(resource=resource)
            (folders["pages"] / f"{resource.pages[0].module}.py").write_text(text, encoding="utf-8")
    text = project.env.get_template("facade/resources_init.py.jinja").render(
        resources=resources, clients=by_client(resources)
    )
    (folders["resources"] / "__init__.py").write_text(text, encoding="utf-8")
    (folders["pages"] / "__init__.py").write_text(PAGES_INIT, encoding="utf-8")
    quota = project.env.get_template("quota.py.jinja").render()  # the public face of _quota
    (package_dir / "quota.py").write_text(quota, encoding="utf-8")
    reference = project.env.get_template("package/API.md.jinja").render(resources=resources, info=doc["info"])
    (package_dir.parent / "API.md").write_text(reference, encoding="utf-8")


def _install_globals(
    project: Project, doc: dict[str, Any], data: GeneratorData, prefix: str
) -> tuple[dict[str, ModelPlan], dict[str, ClassRef]]:
    """What our templates may read besides openapi-python-client's own objects."""
    schemas = doc.get("components", {}).get("schemas", {})
    classes = {
        prop.name.get_untrusted_value().removeprefix(COMPONENT): ClassRef(
            prop.class_info.name, prop.class_info.module_name, prop in data.enums
        )
        for prop in [*data.models, *data.enums]
        if prop.name.get_untrusted_value().startswith(COMPONENT)
    }
    inline = sorted(
        set(str(p.class_info.name) for p in [*data.models, *data.enums]) - {c.name for c in classes.values()}
    )
    if inline:
        raise PipelineError(f"effective spec: {inline[0]} is an inline object or enum; give it a name in components")
    plans = plan_models(doc, classes)
    # Endpoints are keyed the way openapi-python-client names them: operationId as an identifier.
    extensions = {
        str(PythonIdentifier(op["operationId"], prefix)): {k: v for k, v in op.items() if k.startswith("x-")}
        for _, _, op in operations(doc)
    }

    def schema_name(prop: Any) -> str:
        return str(prop.name.get_untrusted_value()).rsplit("/", 1)[1]

    project.env.globals.update(
        operation_extensions=lambda endpoint: extensions[str(endpoint.name)],
        model_plan=lambda model: plans[schema_name(model)],
        raw_schema=lambda prop: schemas[schema_name(prop)],
        model_classes=lambda: sorted(classes.values(), key=lambda ref: ref.name),
    )
    return plans, classes


def _check_nothing_dropped(doc: dict[str, Any], data: GeneratorData) -> None:
    """Every object or enum schema must become a class; anything else was dropped."""
    if data.errors:
        raise PipelineError(_describe(data.errors[0]))
    for collection in data.endpoint_collections_by_tag.values():
        if collection.parse_errors:
            raise PipelineError(_describe(collection.parse_errors[0]))
    made = {prop.name.get_untrusted_value() for prop in [*data.models, *data.enums]}
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        wants_class = schema.get("type") == "object" or "enum" in schema
        if wants_class and f"/components/schemas/{name}" not in made:
            raise PipelineError(f"openapi-python-client: schema {name!r} produced no class")


def _describe(error: GeneratorError) -> str:
    detail = " ".join((error.detail or "").split())
    data = getattr(error, "data", None)
    where = ""
    if data is not None:
        where = f" in {data.model_dump_json(exclude_unset=True, by_alias=True)[:200]}"
    return f"openapi-python-client: {error.header.strip()} {detail}{where}".rstrip()
