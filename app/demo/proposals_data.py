"""Demo proposals for the open call: fictional authors and commitment proposals.

The organisations and people are invented; the public bodies are real Chilean
institutions. ``author`` indexes DEMO_ORGANISATIONS, ``theme`` indexes the call's
themes (0..6, in the order defined by the demo loader) and ``region`` is a region
name or "national". Two pairs of proposals are deliberately near-duplicates
(municipal lobby registry; open data on water rights), as happens in real calls.
"""

DEMO_ORGANISATIONS = [
    {
        "name": "Catalina Ibarra Nahuelpán",
        "email": "catalina.ibarra@demo.minga.cl",
        "sector": "civil_society",
        "organisation": "Fundación Datos del Sur",
        "region": "Los Lagos",
    },
    {
        "name": "Matías Araya Contreras",
        "email": "matias.araya@demo.minga.cl",
        "sector": "civil_society",
        "organisation": "Observatorio Ciudadano del Maule",
        "region": "Maule",
    },
    {
        "name": "Francisca Villalobos Reyes",
        "email": "francisca.villalobos@demo.minga.cl",
        "sector": "civil_society",
        "organisation": "Corporación Transparencia Activa Norte",
        "region": "Antofagasta",
    },
    {
        "name": "Rodrigo Saavedra Huenchul",
        "email": "rodrigo.saavedra@demo.minga.cl",
        "sector": "civil_society",
        "organisation": "Colectivo Agua y Territorio",
        "region": "Valparaíso",
    },
    {
        "name": "Daniela Pizarro Olivares",
        "email": "daniela.pizarro@demo.minga.cl",
        "sector": "civil_society",
        "organisation": "Red Ciudadana por la Integridad Pública",
        "region": "Metropolitana de Santiago",
    },
    {
        "name": "Ignacio Carrasco Mella",
        "email": "ignacio.carrasco@demo.minga.cl",
        "sector": "academia",
        "organisation": "Centro de Estudios Territoriales y Gobierno Abierto",
        "region": "Biobío",
    },
    {
        "name": "Sebastián Tapia Lagos",
        "email": "sebastian.tapia@demo.minga.cl",
        "sector": "private_sector",
        "organisation": "Asociación de Proveedores Regionales del Sur",
        "region": "La Araucanía",
    },
    {
        "name": "Javiera Quispe Mamani",
        "email": "javiera.quispe@demo.minga.cl",
        "sector": "citizen",
        "organisation": None,
        "region": "Arica y Parinacota",
    },
]

DEMO_PROPOSALS = [
    # --- 0: Acceso a la información pública
    {
        "author": 0,
        "title": (
            "Repositorio abierto y buscable de respuestas a solicitudes de acceso a la información"
        ),
        "summary": (
            "Publicar en un repositorio único, abierto y con buscador todas las respuestas que "
            "los órganos del Estado entregan a solicitudes de acceso a la información, junto con "
            "los documentos entregados, para que una misma información no tenga que pedirse una y "
            "otra vez y cualquier persona pueda reutilizarla."
        ),
        "problem": (
            "Las respuestas a solicitudes de acceso a la información quedan en la bandeja de "
            "quien preguntó y rara vez se publican. Esto obliga a distintas personas a pedir la "
            "misma información muchas veces, recarga a los servicios y hace invisible un gran "
            "volumen de información pública ya entregada."
        ),
        "commitment": (
            "- Definir con los órganos de la Administración un estándar para publicar respuestas "
            "y documentos anexos, resguardando datos personales.\n"
            "- Habilitar un repositorio con buscador de texto completo y filtros por institución, "
            "fecha y materia.\n"
            "- Publicar el repositorio en formato abierto con una interfaz de programación (API).\n"
            "- Incorporar de forma gradual a ministerios, servicios y municipios."
        ),
        "solution": (
            "Al hacer públicas las respuestas, la información entregada a una persona queda "
            "disponible para todas. Se reduce la carga de solicitudes repetidas y se fortalece la "
            "transparencia activa a partir de lo que la ciudadanía realmente pregunta."
        ),
        "expected_results": (
            "- Repositorio en funcionamiento con respuestas de todos los ministerios al término "
            "del plan.\n"
            "- Al menos la mitad de los municipios publicando sus respuestas en el repositorio.\n"
            "- Reducción medible de solicitudes duplicadas en los servicios incorporados."
        ),
        "ogp_values": ["transparency", "technology"],
        "theme": 0,
        "responsible_body": "Consejo para la Transparencia",
        "region": "national",
    },
    {
        "author": 2,
        "title": (
            "Estándar de transparencia activa para corporaciones municipales de educación y salud"
        ),
        "summary": (
            "Extender obligaciones de transparencia activa comparables a las de los municipios a "
            "las corporaciones municipales que administran escuelas y centros de salud, "
            "comenzando por las comunas de la Región de Antofagasta, con un formato común para "
            "publicar dotación, remuneraciones, compras y convenios."
        ),
        "problem": (
            "Las corporaciones municipales de derecho privado administran recursos públicos "
            "relevantes en educación y salud, pero publican su información de forma dispar e "
            "incompleta. Las familias y usuarios no pueden conocer con facilidad cómo se gastan "
            "esos recursos ni quién toma las decisiones."
        ),
        "commitment": (
            "- Elaborar junto a las corporaciones un estándar mínimo de transparencia activa.\n"
            "- Implementar un piloto en las corporaciones municipales de la Región de "
            "Antofagasta.\n"
            "- Fiscalizar el cumplimiento y publicar un ranking anual de resultados.\n"
            "- Proponer ajustes normativos para extender el estándar a todo el país."
        ),
        "solution": (
            "Un estándar común permite comparar corporaciones entre sí y detectar irregularidades "
            "a tiempo. La ciudadanía contará con información clara sobre servicios que usa a "
            "diario."
        ),
        "expected_results": (
            "- Estándar de transparencia activa aprobado y publicado.\n"
            "- Todas las corporaciones municipales de la región publicando bajo el estándar.\n"
            "- Primer informe de fiscalización con resultados por corporación."
        ),
        "ogp_values": ["transparency", "accountability"],
        "theme": 0,
        "responsible_body": "Consejo para la Transparencia",
        "region": "Antofagasta",
    },
    {
        "author": 7,
        "title": (
            "Solicitudes de acceso a la información en lenguas indígenas y formatos accesibles"
        ),
        "summary": (
            "Permitir que las personas presenten solicitudes de acceso a la información y reciban "
            "respuestas en aymara, quechua, mapudungun y otras lenguas indígenas, además de "
            "formatos accesibles para personas con discapacidad, partiendo por un piloto en Arica "
            "y Parinacota."
        ),
        "problem": (
            "El derecho de acceso a la información se ejerce casi exclusivamente en castellano "
            "escrito y a través de formularios web. Pueblos indígenas, personas mayores de zonas "
            "rurales y personas con discapacidad enfrentan barreras concretas para usar un "
            "derecho que la ley reconoce a todas las personas."
        ),
        "commitment": (
            "- Habilitar canales para presentar solicitudes en lenguas indígenas, de forma "
            "escrita y oral.\n"
            "- Contar con traducción de respuestas en coordinación con organizaciones indígenas.\n"
            "- Publicar formularios y guías en lectura fácil, audio y lengua de señas.\n"
            "- Capacitar a funcionarios de oficinas de partes y OIRS de la región."
        ),
        "solution": (
            "Al eliminar barreras de idioma y formato, más personas podrán ejercer su derecho a "
            "saber. El piloto permitirá medir costos y demanda antes de escalar a nivel nacional."
        ),
        "expected_results": (
            "- Piloto operando en los servicios públicos regionales de Arica y Parinacota.\n"
            "- Guías del derecho de acceso disponibles en al menos tres lenguas indígenas.\n"
            "- Informe de evaluación con recomendaciones para su extensión nacional."
        ),
        "ogp_values": ["transparency", "participation"],
        "theme": 0,
        "responsible_body": "Consejo para la Transparencia",
        "region": "Arica y Parinacota",
    },
    {
        "author": 4,
        "title": (
            "Ley de Transparencia con estándar común para el Congreso, tribunales y órganos "
            "autónomos"
        ),
        "summary": (
            "Impulsar una reforma a la Ley N.º 20.285 para que el Congreso Nacional, el Poder "
            "Judicial, el Ministerio Público y los órganos autónomos queden sujetos a "
            "obligaciones de transparencia activa y acceso a la información equivalentes a las de "
            "la Administración, con un órgano garante que resuelva reclamos."
        ),
        "problem": (
            "La Ley de Transparencia aplica en plenitud a la Administración del Estado, pero "
            "otros poderes y órganos autónomos se rigen por reglas propias y más débiles. Esto "
            "genera un estándar desigual y deja sin una instancia independiente de reclamo a "
            "quienes piden información a esas instituciones."
        ),
        "commitment": (
            "- Elaborar, con participación de la sociedad civil, una propuesta de reforma a la "
            "Ley de Transparencia.\n"
            "- Realizar audiencias públicas con los órganos que serían incorporados.\n"
            "- Ingresar el proyecto de ley y darle seguimiento público a su tramitación."
        ),
        "solution": (
            "Un estándar común elimina zonas grises y asegura que todo órgano que ejerce poder "
            "público rinda cuentas del mismo modo. La existencia de un órgano garante da "
            "efectividad real al derecho."
        ),
        "expected_results": (
            "- Propuesta de reforma elaborada y publicada con sus aportes ciudadanos.\n"
            "- Proyecto de ley ingresado al Congreso dentro del período del plan.\n"
            "- Informe semestral público sobre el estado de la tramitación."
        ),
        "ogp_values": ["transparency", "accountability"],
        "theme": 0,
        "responsible_body": "Ministerio Secretaría General de la Presidencia",
        "region": "national",
    },
    {
        "author": 1,
        "title": "Acompañamiento en transparencia para municipios pequeños y rurales del Maule",
        "summary": (
            "Programa de acompañamiento técnico para que los municipios pequeños y rurales del "
            "Maule cumplan sus obligaciones de transparencia activa y respondan a tiempo las "
            "solicitudes de información, con mentorías, plantillas y una red de encargados de "
            "transparencia que comparten buenas prácticas."
        ),
        "problem": (
            "Los municipios con pocos funcionarios suelen tener una sola persona a cargo de "
            "transparencia, junto con muchas otras funciones. Esto se traduce en portales "
            "desactualizados y respuestas fuera de plazo, lo que afecta sobre todo a comunidades "
            "rurales con menos acceso a otras fuentes de información."
        ),
        "commitment": (
            "- Diagnosticar el nivel de cumplimiento de transparencia de los municipios del "
            "Maule.\n"
            "- Ofrecer mentorías y plantillas de publicación a los municipios con menor "
            "cumplimiento.\n"
            "- Conformar una red regional de encargados de transparencia.\n"
            "- Medir avances con una segunda evaluación al cierre del plan."
        ),
        "solution": (
            "El apoyo directo y la red de pares permiten superar brechas de capacidades sin "
            "aumentar significativamente los costos. Mejorar el cumplimiento municipal acerca el "
            "derecho de acceso a la información a las comunidades rurales."
        ),
        "expected_results": (
            "- Diagnóstico regional publicado.\n"
            "- Todos los municipios del Maule con mentoría asignada.\n"
            "- Aumento del porcentaje de cumplimiento de transparencia activa entre la primera y "
            "la segunda medición."
        ),
        "ogp_values": ["transparency", "participation"],
        "theme": 0,
        "responsible_body": "Consejo para la Transparencia",
        "region": "Maule",
    },
    {
        "author": 5,
        "title": (
            "Tramitación legislativa en datos abiertos: votaciones, indicaciones y versiones de "
            "proyectos"
        ),
        "summary": (
            "Publicar en datos abiertos y con identificadores estables toda la tramitación de los "
            "proyectos de ley: versiones del texto, indicaciones, votaciones nominales en sala y "
            "comisiones, y asistencia de parlamentarios, para facilitar su análisis por "
            "periodistas, investigadores y ciudadanía."
        ),
        "problem": (
            "La información sobre la tramitación de leyes está dispersa entre distintos sitios y "
            "formatos, muchas veces en documentos escaneados. Seguir cómo cambia un proyecto y "
            "cómo vota cada parlamentario requiere un esfuerzo manual que pocas personas pueden "
            "hacer."
        ),
        "commitment": (
            "- Definir un modelo de datos común para la tramitación legislativa de ambas cámaras.\n"
            "- Publicar votaciones nominales, indicaciones y versiones en formatos abiertos.\n"
            "- Disponer una API pública y documentación para su reutilización.\n"
            "- Realizar talleres con sociedad civil y academia para su uso."
        ),
        "solution": (
            "Contar con datos estructurados facilita el control ciudadano del trabajo legislativo "
            "y el desarrollo de herramientas de seguimiento. Refuerza además los compromisos de "
            "parlamento abierto ya asumidos por el Congreso."
        ),
        "expected_results": (
            "- Modelo de datos legislativos publicado.\n"
            "- Votaciones nominales de ambas cámaras disponibles en la API desde el inicio del "
            "plan.\n"
            "- Al menos tres herramientas ciudadanas desarrolladas a partir de los datos."
        ),
        "ogp_values": ["transparency", "technology"],
        "theme": 0,
        "responsible_body": "Biblioteca del Congreso Nacional",
        "region": "national",
    },
    {
        "author": 3,
        "title": (
            "Sesiones, actas y votaciones del Consejo Regional de Valparaíso abiertas en línea"
        ),
        "summary": (
            "Transmitir en vivo y archivar todas las sesiones del Consejo Regional de Valparaíso, "
            "publicando actas, votaciones por consejero y documentos de respaldo dentro de un "
            "plazo breve, en un sitio accesible y en formatos abiertos."
        ),
        "problem": (
            "Los consejos regionales aprueban inversiones y convenios de alto impacto, pero sus "
            "sesiones y votaciones son poco conocidas. Las actas se publican con retraso y sin "
            "los documentos que los consejeros tuvieron a la vista al decidir."
        ),
        "commitment": (
            "- Transmitir en vivo todas las sesiones plenarias y de comisiones.\n"
            "- Publicar actas y votaciones nominales en un plazo máximo de diez días hábiles.\n"
            "- Publicar los documentos de respaldo de cada acuerdo.\n"
            "- Habilitar un buscador de acuerdos por comuna y materia."
        ),
        "solution": (
            "La ciudadanía podrá conocer qué se decide, quién lo vota y con qué antecedentes. "
            "Esto fortalece el control social sobre la inversión regional."
        ),
        "expected_results": (
            "- Todas las sesiones del período transmitidas y archivadas.\n"
            "- Actas y votaciones publicadas dentro del plazo comprometido.\n"
            "- Buscador de acuerdos en funcionamiento."
        ),
        "ogp_values": ["transparency", "participation"],
        "theme": 0,
        "responsible_body": "Gobierno Regional de Valparaíso",
        "region": "Valparaíso",
    },
    # --- 1: Transparencia del lobby y conflictos de interés
    {
        "author": 1,
        "title": "Registro de lobby municipal unificado y en datos abiertos para todas las comunas",
        "summary": (
            "Crear un registro unificado de audiencias de lobby, viajes y donativos de alcaldes, "
            "concejales y directivos municipales, con datos abiertos y un formato común para "
            "todas las comunas del país, comenzando por los municipios de la Región del Maule."
        ),
        "problem": (
            "Cada municipio registra sus audiencias de lobby de manera distinta, con datos "
            "incompletos y difíciles de comparar. Es prácticamente imposible saber qué gestores "
            "de intereses se reúnen con varias municipalidades o cuántas reuniones anteceden a "
            "decisiones relevantes, como cambios en planes reguladores."
        ),
        "commitment": (
            "- Definir un formato común de registro de audiencias, viajes y donativos "
            "municipales.\n"
            "- Integrar los registros municipales en una plataforma única con datos abiertos.\n"
            "- Capacitar a los encargados municipales de lobby de la región.\n"
            "- Publicar reportes periódicos de las audiencias registradas."
        ),
        "solution": (
            "Un registro unificado permite comparar comunas y seguir a un mismo gestor de "
            "intereses en distintos municipios. La información abierta facilita el control "
            "ciudadano sobre las decisiones locales."
        ),
        "expected_results": (
            "- Formato común aprobado y publicado.\n"
            "- Todos los municipios del Maule registrando en la plataforma unificada.\n"
            "- Datos de audiencias municipales descargables en formato abierto."
        ),
        "ogp_values": ["transparency", "accountability"],
        "theme": 1,
        "responsible_body": "Consejo para la Transparencia",
        "region": "Maule",
    },
    {
        "author": 2,
        "title": "Registro unificado de lobby municipal con datos abiertos en todas las comunas",
        "summary": (
            "Unificar en una sola plataforma los registros de audiencias de lobby, viajes y "
            "donativos de las municipalidades, con un formato común y datos abiertos, para que "
            "cualquier persona pueda comparar comunas. Proponemos comenzar por los municipios de "
            "la Región de Antofagasta."
        ),
        "problem": (
            "Los registros de lobby municipales son heterogéneos y muchas veces están "
            "desactualizados. En comunas con fuerte presencia de la industria minera y energética "
            "es difícil saber qué empresas se reúnen con las autoridades locales y con qué "
            "frecuencia."
        ),
        "commitment": (
            "- Acordar un formato común para los registros municipales de lobby.\n"
            "- Integrar los registros en una plataforma nacional con datos abiertos.\n"
            "- Iniciar un piloto con los municipios de la Región de Antofagasta.\n"
            "- Publicar visualizaciones por comuna y por gestor de intereses."
        ),
        "solution": (
            "Con un registro común y abierto será posible identificar patrones de reuniones entre "
            "empresas y municipios. Ello ayuda a prevenir la captura de decisiones locales."
        ),
        "expected_results": (
            "- Plataforma unificada de lobby municipal en funcionamiento.\n"
            "- Todos los municipios de la Región de Antofagasta incorporados.\n"
            "- Visualizaciones públicas por comuna y gestor de intereses."
        ),
        "ogp_values": ["transparency", "technology"],
        "theme": 1,
        "responsible_body": "Consejo para la Transparencia",
        "region": "Antofagasta",
    },
    {
        "author": 4,
        "title": "Declaraciones de intereses y patrimonio verificadas y comparables año a año",
        "summary": (
            "Fortalecer la fiscalización de las declaraciones de intereses y patrimonio que exige "
            "la Ley N.º 20.880, incorporando verificación cruzada con otras fuentes públicas y "
            "publicando las declaraciones en datos abiertos para comparar variaciones "
            "patrimoniales entre años."
        ),
        "problem": (
            "Las declaraciones de intereses y patrimonio son públicas, pero se revisan "
            "principalmente en su forma y no en su contenido. Sin verificación ni datos "
            "comparables es difícil detectar omisiones o incrementos patrimoniales "
            "injustificados."
        ),
        "commitment": (
            "- Establecer un procedimiento de verificación de contenido basado en riesgo.\n"
            "- Cruzar declaraciones con registros de bienes raíces, vehículos y sociedades.\n"
            "- Publicar las declaraciones en datos abiertos, con variaciones entre años.\n"
            "- Informar públicamente los resultados de la fiscalización."
        ),
        "solution": (
            "La verificación de contenido disuade omisiones y permite detectar conflictos de "
            "interés a tiempo. Los datos comparables facilitan el control ciudadano y "
            "periodístico."
        ),
        "expected_results": (
            "- Procedimiento de verificación aprobado y aplicado a una muestra anual de "
            "declarantes.\n"
            "- Declaraciones disponibles en datos abiertos con historial.\n"
            "- Informe anual público con los resultados de la fiscalización."
        ),
        "ogp_values": ["accountability", "transparency"],
        "theme": 1,
        "responsible_body": "Contraloría General de la República",
        "region": "national",
    },
    {
        "author": 5,
        "title": (
            "Ampliar los sujetos pasivos de la Ley del Lobby a asesores y jefaturas regionales"
        ),
        "summary": (
            "Proponer una modificación a la Ley N.º 20.730 para incorporar como sujetos pasivos a "
            "asesores de gabinete, jefaturas de servicios regionales y otros cargos con "
            "influencia en decisiones, sobre la base de un estudio de quiénes participan "
            "efectivamente en ellas."
        ),
        "problem": (
            "La Ley del Lobby define una lista de sujetos pasivos que no siempre coincide con "
            "quienes influyen realmente en las decisiones. Asesores y jefaturas intermedias "
            "pueden reunirse con gestores de intereses sin registro alguno."
        ),
        "commitment": (
            "- Realizar un estudio sobre los cargos que intervienen en decisiones relevantes.\n"
            "- Elaborar una propuesta de modificación legal con participación ciudadana.\n"
            "- Mientras tanto, promover que los servicios designen voluntariamente sujetos "
            "pasivos adicionales."
        ),
        "solution": (
            "Ampliar los sujetos pasivos cierra espacios de influencia no registrada. La "
            "designación voluntaria permite avanzar antes de una reforma legal."
        ),
        "expected_results": (
            "- Estudio publicado con recomendaciones de cargos a incorporar.\n"
            "- Propuesta de modificación legal presentada.\n"
            "- Al menos diez servicios con sujetos pasivos adicionales designados."
        ),
        "ogp_values": ["transparency", "accountability"],
        "theme": 1,
        "responsible_body": "Ministerio Secretaría General de la Presidencia",
        "region": "national",
    },
    {
        "author": 6,
        "title": "Agendas públicas de autoridades con formato estándar e interfaz de datos abierta",
        "summary": (
            "Publicar las agendas de reuniones de ministros, subsecretarios, jefes de servicio y "
            "gobernadores en un formato estándar, actualizado semanalmente y disponible mediante "
            "una interfaz de datos abierta, para que cualquier persona o empresa pueda "
            "consultarlas y reutilizarlas."
        ),
        "problem": (
            "Las agendas de autoridades se publican de forma irregular y en formatos distintos. "
            "Para las empresas pequeñas y la ciudadanía es difícil saber quién accede a las "
            "autoridades, lo que genera percepciones de trato desigual."
        ),
        "commitment": (
            "- Definir un estándar de publicación de agendas de autoridades.\n"
            "- Integrar las agendas en la plataforma de lobby con una interfaz de datos abierta.\n"
            "- Monitorear trimestralmente el cumplimiento del estándar."
        ),
        "solution": (
            "Las agendas estandarizadas permiten verificar la igualdad de trato entre quienes "
            "solicitan reuniones. La interfaz abierta facilita su análisis por terceros."
        ),
        "expected_results": (
            "- Estándar de agendas publicado.\n"
            "- Agendas de todas las autoridades de nivel central disponibles en la interfaz.\n"
            "- Informes trimestrales de cumplimiento publicados."
        ),
        "ogp_values": ["transparency", "technology"],
        "theme": 1,
        "responsible_body": "Consejo para la Transparencia",
        "region": "national",
    },
    {
        "author": 0,
        "title": (
            "Alertas de conflictos de interés cruzando declaraciones con contratos y nombramientos"
        ),
        "summary": (
            "Desarrollar un sistema de alertas tempranas que cruce las declaraciones de intereses "
            "de autoridades y funcionarios con los contratos públicos adjudicados y los "
            "nombramientos realizados, para detectar posibles conflictos de interés antes de que "
            "se consoliden."
        ),
        "problem": (
            "Hoy los conflictos de interés suelen detectarse después de ocurridos, a partir de "
            "investigaciones periodísticas o denuncias. La información necesaria para detectarlos "
            "ya existe en registros públicos, pero no se cruza de forma sistemática."
        ),
        "commitment": (
            "- Diseñar un modelo de cruce de datos entre declaraciones, compras y nombramientos.\n"
            "- Implementar un piloto con un grupo de servicios públicos.\n"
            "- Publicar la metodología y estadísticas agregadas de las alertas.\n"
            "- Establecer un protocolo de seguimiento de cada alerta."
        ),
        "solution": (
            "Las alertas tempranas permiten actuar preventivamente y no solo sancionar. Publicar "
            "la metodología da confianza en el sistema y permite su mejora continua."
        ),
        "expected_results": (
            "- Modelo de cruce de datos documentado y publicado.\n"
            "- Piloto implementado en al menos cinco servicios.\n"
            "- Informe público con resultados agregados del piloto."
        ),
        "ogp_values": ["accountability", "technology"],
        "theme": 1,
        "responsible_body": "Contraloría General de la República",
        "region": "national",
    },
    {
        "author": 7,
        "title": (
            "Registro público de puerta giratoria entre cargos reguladores y empresas reguladas"
        ),
        "summary": (
            "Crear un registro público de las personas que pasan desde cargos directivos en "
            "organismos reguladores y fiscalizadores hacia empresas reguladas, y viceversa, junto "
            "con períodos de inhabilidad claros y su seguimiento público."
        ),
        "problem": (
            "El tránsito de autoridades entre organismos reguladores y empresas reguladas puede "
            "generar conflictos de interés y uso de información privilegiada. Hoy no existe un "
            "registro que permita conocer estos movimientos ni verificar el cumplimiento de las "
            "inhabilidades vigentes."
        ),
        "commitment": (
            "- Identificar los cargos reguladores y fiscalizadores sujetos al registro.\n"
            "- Crear un registro público de cargos anteriores y posteriores de esas autoridades.\n"
            "- Proponer períodos de inhabilidad homogéneos para todos los reguladores."
        ),
        "solution": (
            "Hacer visibles estos movimientos permite prevenir conflictos de interés y evaluar la "
            "efectividad de las inhabilidades. Fortalece la confianza en la independencia de los "
            "reguladores."
        ),
        "expected_results": (
            "- Listado de cargos sujetos al registro publicado.\n"
            "- Registro público en funcionamiento y actualizado semestralmente.\n"
            "- Propuesta normativa sobre períodos de inhabilidad presentada."
        ),
        "ogp_values": ["transparency", "accountability"],
        "theme": 1,
        "responsible_body": "Ministerio Secretaría General de la Presidencia",
        "region": "Arica y Parinacota",
    },
    {
        "author": 4,
        "title": "Cruce público entre aportes a campañas electorales y registros de lobby",
        "summary": (
            "Publicar en datos abiertos los aportes a campañas electorales con identificadores "
            "que permitan cruzarlos con los registros de lobby y de compras públicas, para "
            "conocer si quienes financian campañas luego se reúnen con las autoridades electas o "
            "contratan con el Estado."
        ),
        "problem": (
            "Los aportes de campaña, las audiencias de lobby y los contratos públicos se publican "
            "en sistemas separados y sin identificadores comunes. Esto impide ver relaciones "
            "entre el financiamiento de la política y las decisiones posteriores de las "
            "autoridades."
        ),
        "commitment": (
            "- Publicar en datos abiertos los aportes de campaña de identidad pública, con "
            "identificadores de aportantes y candidaturas.\n"
            "- Coordinar con el Consejo para la Transparencia y ChileCompra el uso de "
            "identificadores comunes.\n"
            "- Publicar un visualizador de cruces para autoridades electas."
        ),
        "solution": (
            "Los cruces de información permiten identificar posibles conflictos de interés y "
            "tráfico de influencias. La ciudadanía podrá evaluar la relación entre dinero y "
            "política con evidencia."
        ),
        "expected_results": (
            "- Aportes de la última elección publicados en datos abiertos.\n"
            "- Identificadores comunes acordados entre las tres instituciones.\n"
            "- Visualizador público de cruces disponible."
        ),
        "ogp_values": ["transparency", "accountability"],
        "theme": 1,
        "responsible_body": "Servicio Electoral",
        "region": "national",
    },
    # --- 2: Compras públicas y contrataciones abiertas
    {
        "author": 4,
        "title": (
            "Registro público de beneficiarios finales de empresas que contratan con el Estado"
        ),
        "summary": (
            "Exigir a todos los proveedores del Estado declarar a sus beneficiarios finales, es "
            "decir, las personas naturales que en último término los controlan o se benefician de "
            "ellos, y publicar esa información en datos abiertos vinculada a cada contrato "
            "adjudicado."
        ),
        "problem": (
            "Detrás de muchas empresas que contratan con el Estado hay estructuras societarias "
            "que ocultan quién las controla realmente. Esto dificulta detectar conflictos de "
            "interés, colusión entre oferentes aparentemente distintos y empresas de fachada."
        ),
        "commitment": (
            "- Implementar la declaración obligatoria de beneficiarios finales en el Registro de "
            "Proveedores.\n"
            "- Definir un umbral de propiedad o control coherente con estándares internacionales.\n"
            "- Publicar la información en datos abiertos, vinculada a órdenes de compra y "
            "contratos.\n"
            "- Establecer mecanismos de verificación y sanción por declaraciones falsas."
        ),
        "solution": (
            "Conocer a los beneficiarios finales permite detectar conflictos de interés y redes "
            "de empresas relacionadas que compiten de forma simulada. Publicarlos habilita el "
            "control de periodistas, sociedad civil y otros oferentes."
        ),
        "expected_results": (
            "- Todos los proveedores inscritos con beneficiarios finales declarados.\n"
            "- Datos de beneficiarios finales publicados en formato abierto.\n"
            "- Primer informe de verificación con inconsistencias detectadas y corregidas."
        ),
        "ogp_values": ["transparency", "accountability"],
        "theme": 2,
        "responsible_body": "ChileCompra",
        "region": "national",
    },
    {
        "author": 6,
        "title": (
            "Estándar de Datos para las Contrataciones Abiertas en todas las etapas de la compra "
            "pública"
        ),
        "summary": (
            "Publicar la información de compras públicas bajo el Estándar de Datos para las "
            "Contrataciones Abiertas (OCDS), cubriendo planificación, licitación, adjudicación, "
            "contrato y ejecución, incluidas modificaciones de contrato y pagos a proveedores."
        ),
        "problem": (
            "La información de compras públicas se concentra en las etapas de licitación y "
            "adjudicación. La ejecución de los contratos, sus modificaciones y los pagos son poco "
            "visibles, justamente donde se producen sobrecostos y retrasos."
        ),
        "commitment": (
            "- Extender la publicación en OCDS a las etapas de planificación y ejecución.\n"
            "- Publicar modificaciones de contrato, garantías y pagos efectivos.\n"
            "- Evaluar periódicamente la calidad y completitud de los datos publicados."
        ),
        "solution": (
            "Datos completos del ciclo de compra permiten detectar sobrecostos y malas prácticas "
            "a tiempo. Los proveedores también se benefician de mayor previsibilidad y de "
            "información sobre pagos."
        ),
        "expected_results": (
            "- Datos OCDS disponibles para las cinco etapas del proceso de compra.\n"
            "- Modificaciones de contrato y pagos publicados para todos los contratos sobre un "
            "umbral definido.\n"
            "- Informe anual de calidad de datos publicado."
        ),
        "ogp_values": ["transparency", "technology"],
        "theme": 2,
        "responsible_body": "ChileCompra",
        "region": "national",
    },
    {
        "author": 2,
        "title": (
            "Transparencia de precios en compras municipales de medicamentos e insumos de salud"
        ),
        "summary": (
            "Publicar de forma comparable los precios que pagan los municipios y servicios de "
            "salud por medicamentos e insumos, contrastándolos con los precios obtenidos por "
            "Cenabast y los convenios marco, partiendo por la atención primaria de la Región de "
            "Antofagasta."
        ),
        "problem": (
            "Los municipios compran medicamentos para la atención primaria por distintas vías y a "
            "precios muy diversos para un mismo producto. Sin información comparable no es "
            "posible identificar sobreprecios ni aprovechar compras agregadas."
        ),
        "commitment": (
            "- Estandarizar la identificación de medicamentos e insumos en las compras públicas.\n"
            "- Publicar un comparador de precios por producto, comprador y canal de compra.\n"
            "- Promover la compra agregada entre municipios de la región."
        ),
        "solution": (
            "La comparación pública de precios presiona a la baja y orienta a los compradores "
            "hacia mejores canales. Los ahorros pueden reinvertirse en la atención de salud."
        ),
        "expected_results": (
            "- Catálogo estandarizado de medicamentos en uso en las compras públicas.\n"
            "- Comparador de precios público en funcionamiento.\n"
            "- Reducción documentada de la dispersión de precios en la región piloto."
        ),
        "ogp_values": ["transparency", "accountability"],
        "theme": 2,
        "responsible_body": "ChileCompra",
        "region": "Antofagasta",
    },
    {
        "author": 6,
        "title": (
            "Monitoreo ciudadano de tratos directos y acceso de pymes regionales a compras públicas"
        ),
        "summary": (
            "Publicar alertas y estadísticas regionales sobre el uso de tratos directos y crear "
            "un programa para que las pymes de La Araucanía participen en las compras públicas, "
            "con capacitación y monitoreo ciudadano de las causales invocadas."
        ),
        "problem": (
            "El trato directo es una excepción, pero en algunas regiones se usa con frecuencia y "
            "con causales poco justificadas. Esto reduce la competencia y deja fuera a pequeñas "
            "empresas locales que podrían ofrecer mejores condiciones."
        ),
        "commitment": (
            "- Publicar un tablero regional de tratos directos con sus causales y montos.\n"
            "- Establecer alertas públicas cuando una institución supere umbrales de uso.\n"
            "- Capacitar a pymes regionales en el uso de la plataforma de compras.\n"
            "- Convocar a organizaciones locales a monitorear las causales invocadas."
        ),
        "solution": (
            "La visibilidad del uso de tratos directos desincentiva su abuso. La capacitación a "
            "pymes aumenta la competencia y el desarrollo económico local."
        ),
        "expected_results": (
            "- Tablero de tratos directos publicado para todas las regiones.\n"
            "- Al menos 300 pymes de La Araucanía capacitadas.\n"
            "- Disminución del porcentaje de compras por trato directo en la región."
        ),
        "ogp_values": ["accountability", "participation"],
        "theme": 2,
        "responsible_body": "ChileCompra",
        "region": "La Araucanía",
    },
    {
        "author": 1,
        "title": (
            "Seguimiento ciudadano de obras públicas con georreferenciación y avance financiero"
        ),
        "summary": (
            "Publicar en un mapa todas las obras públicas en ejecución en la Región del Maule, "
            "con su avance físico y financiero, modificaciones de contrato y fotografías, y "
            "habilitar un canal para que vecinos reporten obras paralizadas o con problemas."
        ),
        "problem": (
            "Las comunidades ven obras detenidas o de mala calidad sin saber quién las ejecuta, "
            "cuánto han costado ni qué plazos tienen. La información existe en distintas "
            "instituciones, pero no está reunida ni es comprensible para la ciudadanía."
        ),
        "commitment": (
            "- Integrar la información de obras públicas regionales en un visor georreferenciado.\n"
            "- Publicar avance físico, financiero y modificaciones de contrato.\n"
            "- Habilitar reportes ciudadanos que alimenten la planificación de fiscalizaciones.\n"
            "- Publicar la respuesta institucional a cada reporte."
        ),
        "solution": (
            "Los reportes ciudadanos funcionan como alertas tempranas que orientan la "
            "fiscalización. Dar a conocer el avance de las obras mejora la rendición de cuentas "
            "de las instituciones ejecutoras."
        ),
        "expected_results": (
            "- Visor georreferenciado con todas las obras regionales en ejecución.\n"
            "- Canal de reportes ciudadanos operativo y con respuestas publicadas.\n"
            "- Fiscalizaciones realizadas a partir de reportes ciudadanos informadas "
            "públicamente."
        ),
        "ogp_values": ["accountability", "participation"],
        "theme": 2,
        "responsible_body": "Contraloría General de la República",
        "region": "Maule",
    },
    {
        "author": 5,
        "title": "Compras públicas sostenibles con criterios ambientales y sociales verificables",
        "summary": (
            "Incorporar criterios ambientales y sociales verificables en las bases tipo de "
            "licitación y publicar indicadores sobre su aplicación, con un piloto en servicios "
            "públicos de la Región del Biobío y evaluación académica de sus resultados."
        ),
        "problem": (
            "El Estado es un gran comprador, pero sus decisiones de compra rara vez consideran "
            "impactos ambientales o sociales. Cuando se incluyen estos criterios, no se verifica "
            "su cumplimiento ni se informan sus resultados."
        ),
        "commitment": (
            "- Elaborar bases tipo con criterios ambientales y sociales verificables.\n"
            "- Implementar un piloto en servicios públicos del Biobío.\n"
            "- Publicar indicadores de aplicación y cumplimiento de los criterios.\n"
            "- Evaluar el piloto con participación de universidades regionales."
        ),
        "solution": (
            "Criterios verificables transforman la compra pública en una herramienta de política "
            "ambiental y social. Los indicadores públicos permiten saber si los compromisos se "
            "cumplen."
        ),
        "expected_results": (
            "- Bases tipo con criterios sostenibles publicadas.\n"
            "- Piloto aplicado en al menos diez servicios de la región.\n"
            "- Informe de evaluación del piloto publicado."
        ),
        "ogp_values": ["accountability", "transparency"],
        "theme": 2,
        "responsible_body": "ChileCompra",
        "region": "Biobío",
    },
    {
        "author": 3,
        "title": "Transparencia total de transferencias regionales a fundaciones y corporaciones",
        "summary": (
            "Publicar en línea todos los convenios y transferencias del Gobierno Regional de "
            "Valparaíso a fundaciones, corporaciones y otras entidades privadas, con sus "
            "rendiciones de cuentas, informes de avance y antecedentes de las entidades "
            "receptoras."
        ),
        "problem": (
            "Las transferencias de recursos públicos a entidades privadas sin fines de lucro se "
            "asignan con procedimientos poco competitivos y sus rendiciones no son públicas. "
            "Casos recientes de convenios cuestionados han deteriorado la confianza en la gestión "
            "regional."
        ),
        "commitment": (
            "- Publicar todos los convenios de transferencia vigentes y sus modificaciones.\n"
            "- Publicar rendiciones de cuentas y resultados de las revisiones.\n"
            "- Asignar transferencias mediante concursos públicos con bases conocidas.\n"
            "- Publicar los antecedentes de directorio y experiencia de las entidades receptoras."
        ),
        "solution": (
            "La publicidad de convenios y rendiciones reduce los espacios para la "
            "discrecionalidad y el desvío de fondos. Los concursos públicos aseguran igualdad de "
            "oportunidades para las organizaciones."
        ),
        "expected_results": (
            "- Todos los convenios de transferencia publicados con sus rendiciones.\n"
            "- Transferencias asignadas mediante concurso público durante el período del plan.\n"
            "- Informe anual de transferencias presentado al Consejo Regional y a la ciudadanía."
        ),
        "ogp_values": ["transparency", "accountability"],
        "theme": 2,
        "responsible_body": "Gobierno Regional de Valparaíso",
        "region": "Valparaíso",
    },
    # --- 3: Participación ciudadana en regiones
    {
        "author": 3,
        "title": "Presupuesto participativo regional vinculante en la Región de Valparaíso",
        "summary": (
            "Destinar una parte del presupuesto de inversión del Gobierno Regional de Valparaíso "
            "a proyectos propuestos y votados por la ciudadanía, con asambleas provinciales, "
            "votación presencial y en línea, y seguimiento público de la ejecución."
        ),
        "problem": (
            "Las decisiones de inversión regional se toman con escasa participación de las "
            "comunidades, especialmente en provincias alejadas de la capital regional y en "
            "territorios insulares. Las prioridades locales no siempre llegan a la cartera de "
            "proyectos."
        ),
        "commitment": (
            "- Definir, con el Consejo Regional, el porcentaje del presupuesto destinado.\n"
            "- Realizar asambleas en todas las provincias de la región, incluida Isla de Pascua.\n"
            "- Habilitar una votación presencial y en línea de los proyectos.\n"
            "- Publicar el estado de ejecución de cada proyecto ganador."
        ),
        "solution": (
            "El presupuesto participativo acerca las decisiones a las comunidades y mejora la "
            "pertinencia de la inversión. El seguimiento público asegura que lo votado se cumpla."
        ),
        "expected_results": (
            "- Reglamento de presupuesto participativo aprobado.\n"
            "- Asambleas realizadas en todas las provincias.\n"
            "- Proyectos ganadores con ejecución informada públicamente."
        ),
        "ogp_values": ["participation", "accountability"],
        "theme": 3,
        "responsible_body": "Gobierno Regional de Valparaíso",
        "region": "Valparaíso",
    },
    {
        "author": 1,
        "title": (
            "Consejos de la sociedad civil regionales con recursos propios y rendición pública"
        ),
        "summary": (
            "Fortalecer los consejos de la sociedad civil de los gobiernos regionales con "
            "recursos para su funcionamiento, acceso oportuno a la información y la obligación de "
            "la autoridad de responder por escrito a sus recomendaciones, con un piloto en el "
            "Maule."
        ),
        "problem": (
            "Los consejos de la sociedad civil existen por ley, pero muchos funcionan sin "
            "recursos, con baja convocatoria y sin incidencia real. Sus recomendaciones suelen no "
            "recibir respuesta, lo que desincentiva la participación."
        ),
        "commitment": (
            "- Asignar recursos para traslado, secretaría técnica y difusión de los consejos.\n"
            "- Garantizar acceso anticipado a la información de las materias a tratar.\n"
            "- Responder por escrito y públicamente cada recomendación.\n"
            "- Evaluar el piloto y proponer su extensión a otras regiones."
        ),
        "solution": (
            "Consejos con recursos y respuestas formales se convierten en un espacio de "
            "incidencia real. Esto mejora la calidad de las decisiones regionales y la confianza "
            "ciudadana."
        ),
        "expected_results": (
            "- Consejo de la sociedad civil del Maule con presupuesto asignado.\n"
            "- Todas sus recomendaciones respondidas por escrito en el período.\n"
            "- Guía para replicar el modelo en otras regiones publicada."
        ),
        "ogp_values": ["participation", "accountability"],
        "theme": 3,
        "responsible_body": "Subsecretaría de Desarrollo Regional y Administrativo",
        "region": "Maule",
    },
    {
        "author": 7,
        "title": (
            "Consulta ciudadana presencial y digital para planes regionales de ordenamiento "
            "territorial"
        ),
        "summary": (
            "Diseñar e implementar procesos de consulta ciudadana, presenciales y digitales, para "
            "la elaboración de los planes regionales de ordenamiento territorial, con pertinencia "
            "cultural para pueblos indígenas y comunidades rurales, comenzando en Arica y "
            "Parinacota."
        ),
        "problem": (
            "Los planes regionales de ordenamiento territorial definen usos del suelo con efectos "
            "de largo plazo, pero las comunidades afectadas participan poco en su elaboración. En "
            "territorios altiplánicos y rurales las convocatorias no llegan o no consideran las "
            "formas propias de organización."
        ),
        "commitment": (
            "- Elaborar una metodología de consulta con pertinencia territorial y cultural.\n"
            "- Realizar encuentros presenciales en localidades rurales y altiplánicas.\n"
            "- Habilitar una plataforma digital para observaciones a los borradores.\n"
            "- Publicar un informe de respuesta a las observaciones recibidas."
        ),
        "solution": (
            "Combinar instancias presenciales y digitales amplía la participación a personas que "
            "hoy quedan fuera. El informe de respuesta muestra cómo se consideraron los aportes."
        ),
        "expected_results": (
            "- Metodología de consulta aprobada y publicada.\n"
            "- Encuentros realizados en todas las comunas de la región.\n"
            "- Informe de respuesta a observaciones publicado."
        ),
        "ogp_values": ["participation", "technology"],
        "theme": 3,
        "responsible_body": "Subsecretaría de Desarrollo Regional y Administrativo",
        "region": "Arica y Parinacota",
    },
    {
        "author": 0,
        "title": (
            "Cabildos rurales e insulares con conectividad para decidir sobre inversión regional"
        ),
        "summary": (
            "Realizar cabildos periódicos en localidades rurales e insulares de Los Lagos, con "
            "puntos de conectividad y transmisión, para que sus habitantes participen en la "
            "priorización de la inversión regional sin tener que viajar a la capital regional."
        ),
        "problem": (
            "Las comunidades de Chiloé, la provincia de Palena y otras zonas aisladas enfrentan "
            "largos traslados y costos altos para participar en instancias regionales. Sus "
            "necesidades quedan subrepresentadas en la planificación de la inversión."
        ),
        "commitment": (
            "- Instalar puntos de conectividad para participación en localidades aisladas.\n"
            "- Realizar cabildos semestrales en islas y sectores rurales.\n"
            "- Incorporar los resultados de los cabildos en la priorización de proyectos.\n"
            "- Informar públicamente qué propuestas fueron financiadas."
        ),
        "solution": (
            "Llevar la participación a los territorios reduce la desigualdad en el acceso a las "
            "decisiones públicas. La conectividad permite además sostener el diálogo en el "
            "tiempo."
        ),
        "expected_results": (
            "- Al menos veinte puntos de conectividad habilitados.\n"
            "- Cabildos semestrales realizados en todas las provincias de la región.\n"
            "- Informe público de propuestas incorporadas a la cartera de inversión."
        ),
        "ogp_values": ["participation", "technology"],
        "theme": 3,
        "responsible_body": "Subsecretaría de Desarrollo Regional y Administrativo",
        "region": "Los Lagos",
    },
    {
        "author": 5,
        "title": "Observatorio de participación ciudadana en los gobiernos regionales",
        "summary": (
            "Crear un observatorio, en alianza con universidades regionales, que mida y publique "
            "periódicamente la calidad de los mecanismos de participación ciudadana de los "
            "dieciséis gobiernos regionales, con indicadores comparables y recomendaciones."
        ),
        "problem": (
            "Desde la elección directa de gobernadores regionales han aumentado las expectativas "
            "de participación, pero no existe información sistemática sobre qué mecanismos se "
            "usan ni con qué resultados. Sin medición es difícil aprender de las buenas "
            "prácticas."
        ),
        "commitment": (
            "- Diseñar un conjunto de indicadores de participación ciudadana regional.\n"
            "- Levantar información en los dieciséis gobiernos regionales.\n"
            "- Publicar un informe anual comparado con recomendaciones.\n"
            "- Realizar encuentros de intercambio de buenas prácticas."
        ),
        "solution": (
            "La medición comparada crea incentivos para mejorar y permite identificar "
            "experiencias replicables. La alianza con universidades regionales da independencia y "
            "continuidad al observatorio."
        ),
        "expected_results": (
            "- Indicadores publicados y validados con gobiernos regionales.\n"
            "- Dos informes anuales comparados publicados.\n"
            "- Al menos dos encuentros nacionales de buenas prácticas realizados."
        ),
        "ogp_values": ["participation", "accountability"],
        "theme": 3,
        "responsible_body": "Subsecretaría de Desarrollo Regional y Administrativo",
        "region": "national",
    },
    {
        "author": 2,
        "title": (
            "Mesas territoriales para decidir el uso de los fondos regionales del royalty minero"
        ),
        "summary": (
            "Crear mesas territoriales con participación de organizaciones sociales, comunidades "
            "indígenas y municipios para orientar el uso de los recursos que las regiones y "
            "comunas reciben del royalty minero, comenzando por la Región de Atacama."
        ),
        "problem": (
            "Las regiones y comunas mineras reciben recursos asociados a la actividad minera, "
            "pero las comunidades que soportan sus impactos tienen poca voz sobre su uso. La "
            "información sobre montos y proyectos financiados es difícil de encontrar."
        ),
        "commitment": (
            "- Constituir mesas territoriales en las provincias de Atacama.\n"
            "- Publicar montos recibidos y proyectos financiados con esos recursos.\n"
            "- Incorporar las prioridades de las mesas en la asignación de los fondos.\n"
            "- Rendir cuentas anualmente ante las mesas."
        ),
        "solution": (
            "La participación de las comunidades afectadas mejora la legitimidad de las "
            "inversiones. La publicación de montos y proyectos permite hacer seguimiento al uso "
            "de los recursos."
        ),
        "expected_results": (
            "- Mesas territoriales constituidas en las tres provincias de Atacama.\n"
            "- Información de montos y proyectos publicada y actualizada.\n"
            "- Cuenta pública anual realizada ante las mesas."
        ),
        "ogp_values": ["participation", "transparency"],
        "theme": 3,
        "responsible_body": "Subsecretaría de Desarrollo Regional y Administrativo",
        "region": "Atacama",
    },
    {
        "author": 4,
        "title": "Presupuestos participativos juveniles en comunas de Magallanes",
        "summary": (
            "Implementar presupuestos participativos dirigidos a jóvenes de entre 14 y 29 años en "
            "comunas de Magallanes, con propuestas desarrolladas en liceos y organizaciones "
            "juveniles y votación abierta, como escuela práctica de participación democrática."
        ),
        "problem": (
            "La participación de jóvenes en las decisiones locales es baja y muchas veces se "
            "limita a consultas puntuales. En comunas pequeñas y aisladas las oportunidades de "
            "incidir son aún menores."
        ),
        "commitment": (
            "- Diseñar un reglamento de presupuesto participativo juvenil con los municipios.\n"
            "- Realizar talleres de formulación de proyectos en liceos y organizaciones.\n"
            "- Habilitar votación presencial y digital para jóvenes.\n"
            "- Publicar la ejecución de los proyectos ganadores."
        ),
        "solution": (
            "Participar en decisiones concretas con recursos reales fortalece la confianza de los "
            "jóvenes en las instituciones. La experiencia puede replicarse en otras regiones."
        ),
        "expected_results": (
            "- Al menos cuatro comunas de Magallanes con presupuesto participativo juvenil.\n"
            "- Participación de al menos 2.000 jóvenes en las votaciones.\n"
            "- Informe de evaluación y guía de replicación publicados."
        ),
        "ogp_values": ["participation"],
        "theme": 3,
        "responsible_body": "Subsecretaría de Desarrollo Regional y Administrativo",
        "region": "Magallanes y de la Antártica Chilena",
    },
    # --- 4: Datos abiertos y transformación digital
    {
        "author": 0,
        "title": (
            "Registro público de algoritmos usados por el Estado en decisiones que afectan a "
            "personas"
        ),
        "summary": (
            "Crear un registro público de los sistemas algorítmicos y de inteligencia artificial "
            "que usan los servicios públicos para asignar beneficios, priorizar atenciones o "
            "fiscalizar, describiendo su propósito, datos utilizados, responsables y evaluaciones "
            "de impacto."
        ),
        "problem": (
            "Cada vez más servicios públicos usan sistemas automatizados para tomar o apoyar "
            "decisiones que afectan derechos de las personas. La ciudadanía no sabe cuándo se "
            "usan, con qué datos ni cómo reclamar si cree que la decisión fue injusta."
        ),
        "commitment": (
            "- Definir un estándar de transparencia algorítmica para el sector público.\n"
            "- Crear un registro público de sistemas algorítmicos en uso.\n"
            "- Exigir evaluaciones de impacto para sistemas de alto riesgo.\n"
            "- Establecer un canal para solicitar explicación y revisión humana de decisiones."
        ),
        "solution": (
            "El registro permite a la ciudadanía y a los expertos examinar cómo se usan los "
            "algoritmos públicos. Las evaluaciones de impacto ayudan a prevenir sesgos y errores "
            "antes de que afecten a las personas."
        ),
        "expected_results": (
            "- Estándar de transparencia algorítmica publicado.\n"
            "- Registro con al menos veinte sistemas algorítmicos documentados.\n"
            "- Evaluaciones de impacto publicadas para todos los sistemas de alto riesgo."
        ),
        "ogp_values": ["transparency", "technology", "accountability"],
        "theme": 4,
        "responsible_body": "División de Gobierno Digital",
        "region": "national",
    },
    {
        "author": 3,
        "title": "Datos abiertos de derechos de aprovechamiento de aguas y de sus usos efectivos",
        "summary": (
            "Publicar en datos abiertos, georreferenciados y actualizados, los derechos de "
            "aprovechamiento de aguas constituidos, sus titulares, transferencias y las "
            "mediciones de extracción efectiva, empezando por las cuencas de la Región de "
            "Valparaíso afectadas por la escasez hídrica."
        ),
        "problem": (
            "En cuencas con escasez hídrica prolongada, las comunidades no pueden saber quién "
            "tiene derechos de agua, cuánto extrae realmente ni si cumple con la medición "
            "obligatoria. La información existe, pero está dispersa y en formatos difíciles de "
            "usar."
        ),
        "commitment": (
            "- Publicar el catastro de derechos de aprovechamiento en formato abierto y "
            "georreferenciado.\n"
            "- Publicar las mediciones de extracción efectiva informadas por los titulares.\n"
            "- Habilitar un visor por cuenca con derechos, usos y caudales.\n"
            "- Actualizar los datos al menos mensualmente."
        ),
        "solution": (
            "Datos abiertos sobre derechos y usos permiten a comunidades, municipios e "
            "investigadores detectar extracciones ilegales y sobreotorgamiento. Mejoran además la "
            "gestión de las cuencas en contextos de escasez."
        ),
        "expected_results": (
            "- Catastro de derechos de agua de la región publicado en datos abiertos.\n"
            "- Mediciones de extracción disponibles para todas las cuencas de la región.\n"
            "- Visor por cuenca en funcionamiento."
        ),
        "ogp_values": ["transparency", "technology"],
        "theme": 4,
        "responsible_body": "Dirección General de Aguas",
        "region": "Valparaíso",
    },
    {
        "author": 5,
        "title": "Datos abiertos sobre derechos de aprovechamiento de agua y caudales extraídos",
        "summary": (
            "Publicar en datos abiertos y georreferenciados los derechos de aprovechamiento de "
            "agua, sus titulares y los caudales efectivamente extraídos según el monitoreo "
            "obligatorio, comenzando por las cuencas de la Región de Coquimbo afectadas por la "
            "sequía."
        ),
        "problem": (
            "La Región de Coquimbo enfrenta una escasez hídrica persistente y conflictos por el "
            "uso del agua. La información sobre quién tiene derechos y cuánto extrae no está "
            "disponible de forma abierta, lo que dificulta la planificación y la fiscalización."
        ),
        "commitment": (
            "- Publicar los derechos de aprovechamiento en datos abiertos georreferenciados.\n"
            "- Publicar los caudales extraídos informados por el monitoreo obligatorio.\n"
            "- Desarrollar, con universidades regionales, un visor de balance hídrico por cuenca."
        ),
        "solution": (
            "Hacer públicos los datos de derechos y extracciones permite contrastar usos con "
            "disponibilidad real de agua. Las comunidades y los municipios podrán participar con "
            "evidencia en la gestión de sus cuencas."
        ),
        "expected_results": (
            "- Derechos de agua de la región disponibles en datos abiertos.\n"
            "- Caudales extraídos publicados para las principales cuencas.\n"
            "- Visor de balance hídrico por cuenca publicado."
        ),
        "ogp_values": ["transparency", "technology"],
        "theme": 4,
        "responsible_body": "Dirección General de Aguas",
        "region": "Coquimbo",
    },
    {
        "author": 6,
        "title": "Catálogo nacional de datos abiertos con estándares de calidad y actualización",
        "summary": (
            "Renovar el catálogo nacional de datos abiertos con estándares mínimos de calidad, "
            "metadatos, frecuencia de actualización y responsables identificados, priorizando los "
            "conjuntos de datos de mayor valor para la ciudadanía, la investigación y el "
            "emprendimiento."
        ),
        "problem": (
            "Muchos conjuntos de datos publicados por el Estado están desactualizados, "
            "incompletos o en formatos poco útiles. Quienes quieren reutilizarlos no saben si "
            "pueden confiar en ellos ni a quién consultar."
        ),
        "commitment": (
            "- Publicar una norma técnica de calidad y metadatos para datos abiertos.\n"
            "- Identificar, con usuarios, los conjuntos de datos de alto valor.\n"
            "- Asignar un responsable y una frecuencia de actualización a cada conjunto.\n"
            "- Publicar un índice de calidad por institución."
        ),
        "solution": (
            "Estándares claros y responsables identificados mejoran la confiabilidad de los "
            "datos. Un índice público crea incentivos para que las instituciones mantengan sus "
            "datos al día."
        ),
        "expected_results": (
            "- Norma técnica de datos abiertos publicada.\n"
            "- Al menos cincuenta conjuntos de datos de alto valor actualizados según el "
            "estándar.\n"
            "- Índice de calidad por institución publicado anualmente."
        ),
        "ogp_values": ["technology", "transparency"],
        "theme": 4,
        "responsible_body": "División de Gobierno Digital",
        "region": "national",
    },
    {
        "author": 4,
        "title": "Legislación vigente en datos abiertos con historial de versiones y API pública",
        "summary": (
            "Publicar toda la legislación vigente en formatos abiertos y legibles por máquina, "
            "con el historial de versiones de cada norma, enlaces entre normas relacionadas y una "
            "API pública y documentada para desarrolladores, investigadores y ciudadanía."
        ),
        "problem": (
            "Conocer el texto vigente de una ley y cómo ha cambiado en el tiempo sigue siendo "
            "difícil para la mayoría de las personas. Sin datos estructurados es complejo "
            "construir herramientas que expliquen la legislación en lenguaje claro."
        ),
        "commitment": (
            "- Publicar la legislación vigente en formatos estructurados y abiertos.\n"
            "- Incorporar el historial de versiones y las relaciones entre normas.\n"
            "- Disponer una API pública documentada y con términos de uso abiertos.\n"
            "- Realizar talleres de reutilización con comunidades de desarrolladores."
        ),
        "solution": (
            "Datos legislativos abiertos facilitan el acceso al derecho y la creación de "
            "herramientas de lenguaje claro. Contribuyen a que las personas conozcan sus derechos "
            "y obligaciones."
        ),
        "expected_results": (
            "- Legislación vigente disponible en datos abiertos con historial de versiones.\n"
            "- API pública con documentación en funcionamiento.\n"
            "- Al menos dos talleres de reutilización realizados."
        ),
        "ogp_values": ["transparency", "technology"],
        "theme": 4,
        "responsible_body": "Biblioteca del Congreso Nacional",
        "region": "national",
    },
    {
        "author": 7,
        "title": "Asistencia digital presencial para trámites del Estado en localidades rurales",
        "summary": (
            "Habilitar puntos de asistencia digital en localidades rurales y del altiplano de "
            "Tarapacá, con personas facilitadoras que apoyen a la ciudadanía en trámites "
            "digitales del Estado, a medida que avanza la digitalización de los procedimientos."
        ),
        "problem": (
            "La Ley de Transformación Digital del Estado impulsa que los trámites sean digitales, "
            "pero en localidades rurales persisten brechas de conectividad y de habilidades "
            "digitales. Personas mayores y comunidades indígenas corren el riesgo de quedar "
            "excluidas de servicios públicos."
        ),
        "commitment": (
            "- Instalar puntos de asistencia digital en localidades rurales de Tarapacá.\n"
            "- Formar facilitadores digitales locales, con pertinencia cultural.\n"
            "- Registrar las dificultades más frecuentes para mejorar el diseño de trámites.\n"
            "- Publicar informes periódicos de atención."
        ),
        "solution": (
            "La asistencia presencial asegura que la transformación digital no deje a nadie "
            "atrás. Los registros de dificultades orientan mejoras concretas en los trámites."
        ),
        "expected_results": (
            "- Al menos diez puntos de asistencia digital funcionando.\n"
            "- Facilitadores formados en todas las comunas rurales de la región.\n"
            "- Informe de dificultades frecuentes entregado a los servicios responsables."
        ),
        "ogp_values": ["technology", "participation"],
        "theme": 4,
        "responsible_body": "División de Gobierno Digital",
        "region": "Tarapacá",
    },
    {
        "author": 5,
        "title": (
            "Evaluación pública de accesibilidad de los sitios y trámites digitales del Estado"
        ),
        "summary": (
            "Evaluar periódicamente la accesibilidad de los sitios web y trámites digitales del "
            "Estado según estándares internacionales, publicar los resultados por institución y "
            "establecer planes de mejora con plazos, con participación de organizaciones de "
            "personas con discapacidad."
        ),
        "problem": (
            "Muchos sitios y trámites digitales del Estado no son accesibles para personas con "
            "discapacidad visual, auditiva o cognitiva. A medida que más servicios se "
            "digitalizan, estas barreras excluyen a una parte importante de la población."
        ),
        "commitment": (
            "- Definir una metodología de evaluación de accesibilidad basada en estándares "
            "internacionales.\n"
            "- Evaluar los sitios y trámites de mayor uso y publicar los resultados.\n"
            "- Acordar planes de mejora con plazos con cada institución evaluada.\n"
            "- Incorporar a organizaciones de personas con discapacidad en las pruebas."
        ),
        "solution": (
            "La evaluación pública y los planes de mejora convierten la accesibilidad en una "
            "obligación verificable. La participación de usuarios asegura que las mejoras "
            "respondan a necesidades reales."
        ),
        "expected_results": (
            "- Metodología de evaluación publicada.\n"
            "- Los cien trámites digitales de mayor uso evaluados.\n"
            "- Planes de mejora publicados para todas las instituciones evaluadas."
        ),
        "ogp_values": ["technology", "accountability"],
        "theme": 4,
        "responsible_body": "División de Gobierno Digital",
        "region": "national",
    },
    # --- 5: Medio ambiente y justicia climática
    {
        "author": 3,
        "title": (
            "Plan participativo de implementación del Acuerdo de Escazú con metas verificables"
        ),
        "summary": (
            "Elaborar y ejecutar, con participación de la sociedad civil y de las comunidades, un "
            "plan de implementación del Acuerdo de Escazú con metas, plazos e indicadores para "
            "los derechos de acceso a la información, participación y justicia en asuntos "
            "ambientales."
        ),
        "problem": (
            "Chile ratificó el Acuerdo de Escazú, pero su implementación requiere cambios "
            "concretos en normas, procedimientos y capacidades institucionales. Sin un plan con "
            "metas verificables, los compromisos corren el riesgo de quedar en declaraciones."
        ),
        "commitment": (
            "- Convocar una mesa de trabajo con sociedad civil, academia y comunidades.\n"
            "- Elaborar un plan de implementación con metas, plazos e indicadores.\n"
            "- Realizar consultas en todas las regiones del país.\n"
            "- Publicar informes anuales de avance."
        ),
        "solution": (
            "Un plan participativo con metas verificables orienta el trabajo de las instituciones "
            "y permite a la ciudadanía exigir su cumplimiento. Fortalece la democracia ambiental "
            "en el país."
        ),
        "expected_results": (
            "- Plan de implementación del Acuerdo de Escazú publicado.\n"
            "- Consultas realizadas en las dieciséis regiones.\n"
            "- Dos informes anuales de avance publicados."
        ),
        "ogp_values": ["participation", "transparency"],
        "theme": 5,
        "responsible_body": "Ministerio del Medio Ambiente",
        "region": "national",
    },
    {
        "author": 0,
        "title": (
            "Expedientes de evaluación ambiental en formatos abiertos y resúmenes en lenguaje claro"
        ),
        "summary": (
            "Publicar los expedientes del Sistema de Evaluación de Impacto Ambiental en formatos "
            "abiertos y buscables, con resúmenes en lenguaje claro de cada proyecto y de sus "
            "principales impactos, para facilitar la participación informada de las comunidades."
        ),
        "problem": (
            "Los estudios de impacto ambiental contienen miles de páginas técnicas, muchas veces "
            "en documentos escaneados. Las comunidades disponen de plazos acotados para "
            "participar y les resulta muy difícil entender qué impactos tendrá un proyecto."
        ),
        "commitment": (
            "- Publicar los expedientes en formatos abiertos y con búsqueda de texto completo.\n"
            "- Exigir resúmenes en lenguaje claro de los proyectos y sus impactos.\n"
            "- Publicar datos estructurados de ubicación, impactos y medidas de mitigación.\n"
            "- Evaluar con comunidades la utilidad de los resúmenes."
        ),
        "solution": (
            "La información comprensible permite que la participación ciudadana sea sustantiva y "
            "no solo formal. Los datos estructurados facilitan el seguimiento de los compromisos "
            "ambientales."
        ),
        "expected_results": (
            "- Expedientes nuevos publicados en formatos abiertos y buscables.\n"
            "- Resúmenes en lenguaje claro para todos los estudios de impacto ambiental.\n"
            "- Datos estructurados de proyectos disponibles para descarga."
        ),
        "ogp_values": ["transparency", "participation"],
        "theme": 5,
        "responsible_body": "Servicio de Evaluación Ambiental",
        "region": "national",
    },
    {
        "author": 2,
        "title": "Datos en línea de emisiones y calidad del aire en zonas industriales del norte",
        "summary": (
            "Publicar en tiempo real los datos de emisiones de las principales fuentes "
            "industriales y de las estaciones de monitoreo de calidad del aire de Mejillones, "
            "Tocopilla y otras zonas industriales del norte, con alertas comprensibles para la "
            "población."
        ),
        "problem": (
            "Las comunas con termoeléctricas, puertos e industrias conviven con episodios de "
            "contaminación de los que muchas veces se enteran tarde. Los datos de monitoreo "
            "existen, pero no siempre se publican a tiempo ni de forma comprensible."
        ),
        "commitment": (
            "- Publicar en línea los datos de monitoreo continuo de emisiones de fuentes "
            "industriales.\n"
            "- Integrar las estaciones de calidad del aire en un visor público.\n"
            "- Definir alertas comprensibles y difundirlas por canales locales.\n"
            "- Informar las fiscalizaciones realizadas a partir de superaciones de norma."
        ),
        "solution": (
            "La información en tiempo real permite a las personas protegerse y a las comunidades "
            "exigir fiscalización. La publicidad de las emisiones incentiva el cumplimiento de "
            "las empresas."
        ),
        "expected_results": (
            "- Datos de emisiones de las principales fuentes industriales disponibles en línea.\n"
            "- Visor público de calidad del aire para las zonas industriales de la región.\n"
            "- Sistema de alertas operativo en las comunas priorizadas."
        ),
        "ogp_values": ["transparency", "accountability"],
        "theme": 5,
        "responsible_body": "Superintendencia del Medio Ambiente",
        "region": "Antofagasta",
    },
    {
        "author": 1,
        "title": (
            "Participación temprana de comunidades en los planes de descontaminación atmosférica"
        ),
        "summary": (
            "Incorporar a juntas de vecinos, organizaciones de salud y comunidades educativas de "
            "Chillán y Chillán Viejo desde el diseño de las medidas de los planes de "
            "descontaminación atmosférica, y no solo en la etapa final de consulta pública."
        ),
        "problem": (
            "Las medidas de los planes de descontaminación, como restricciones a la calefacción a "
            "leña, afectan directamente a los hogares. Cuando las comunidades solo participan al "
            "final del proceso, las medidas generan resistencia y su cumplimiento es bajo."
        ),
        "commitment": (
            "- Constituir un consejo ciudadano para el plan de descontaminación de Chillán.\n"
            "- Realizar talleres de diseño de medidas con comunidades.\n"
            "- Publicar cómo se consideraron los aportes ciudadanos en las medidas finales."
        ),
        "solution": (
            "La participación temprana mejora la pertinencia y aceptación de las medidas. Esto "
            "aumenta su cumplimiento y, con ello, la mejora de la calidad del aire."
        ),
        "expected_results": (
            "- Consejo ciudadano constituido y sesionando regularmente.\n"
            "- Talleres realizados en todos los sectores de ambas comunas.\n"
            "- Informe público de consideración de aportes."
        ),
        "ogp_values": ["participation"],
        "theme": 5,
        "responsible_body": "Ministerio del Medio Ambiente",
        "region": "Ñuble",
    },
    {
        "author": 7,
        "title": "Denuncias ambientales con seguimiento público del estado de la fiscalización",
        "summary": (
            "Permitir que quienes presentan una denuncia ambiental, y la ciudadanía en general, "
            "sigan en línea el estado de cada denuncia: admisibilidad, inspecciones, hallazgos, "
            "procedimientos sancionatorios y su resultado final."
        ),
        "problem": (
            "Las personas que denuncian infracciones ambientales a menudo no saben qué ocurrió "
            "con su denuncia ni por qué no prosperó. Esta falta de retroalimentación genera "
            "desconfianza y desincentiva nuevas denuncias."
        ),
        "commitment": (
            "- Habilitar un seguimiento en línea del estado de cada denuncia ambiental.\n"
            "- Notificar automáticamente a los denunciantes los cambios de estado.\n"
            "- Publicar estadísticas de denuncias por región, tipo de actividad y resultado."
        ),
        "solution": (
            "El seguimiento público aumenta la confianza en la fiscalización ambiental. Las "
            "estadísticas ayudan a identificar territorios y sectores que requieren mayor "
            "atención."
        ),
        "expected_results": (
            "- Seguimiento en línea disponible para todas las denuncias nuevas.\n"
            "- Notificaciones automáticas a denunciantes en funcionamiento.\n"
            "- Estadísticas de denuncias publicadas trimestralmente."
        ),
        "ogp_values": ["accountability", "technology"],
        "theme": 5,
        "responsible_body": "Superintendencia del Medio Ambiente",
        "region": "national",
    },
    {
        "author": 5,
        "title": (
            "Protocolo de protección a personas defensoras de derechos humanos en asuntos "
            "ambientales"
        ),
        "summary": (
            "Diseñar con organizaciones y comunidades un protocolo de protección para personas "
            "defensoras ambientales, en línea con el artículo 9 del Acuerdo de Escazú, junto con "
            "un registro público de agresiones y su seguimiento, con un piloto en Los Ríos."
        ),
        "problem": (
            "Personas y comunidades que defienden ríos, bosques y territorios enfrentan amenazas, "
            "hostigamiento y criminalización. No existe en el país un mecanismo especializado "
            "para prevenir y responder a estas situaciones."
        ),
        "commitment": (
            "- Elaborar participativamente un protocolo de protección.\n"
            "- Crear un registro público de agresiones contra defensores ambientales.\n"
            "- Coordinar la respuesta con policías, fiscalía y servicios regionales.\n"
            "- Implementar un piloto en la Región de Los Ríos."
        ),
        "solution": (
            "Un protocolo claro y coordinado permite prevenir agresiones y responder a tiempo. El "
            "registro público visibiliza el problema y permite evaluar la respuesta del Estado."
        ),
        "expected_results": (
            "- Protocolo de protección aprobado y publicado.\n"
            "- Registro público de agresiones en funcionamiento.\n"
            "- Evaluación del piloto regional publicada."
        ),
        "ogp_values": ["participation", "accountability"],
        "theme": 5,
        "responsible_body": "Ministerio del Medio Ambiente",
        "region": "Los Ríos",
    },
    {
        "author": 0,
        "title": (
            "Participación ciudadana en la evaluación ambiental adaptada a territorios aislados "
            "de Aysén"
        ),
        "summary": (
            "Adaptar los procesos de participación ciudadana del Sistema de Evaluación de Impacto "
            "Ambiental a las condiciones de Aysén, con plazos que consideren el aislamiento, "
            "sesiones informativas en cada localidad afectada, transmisión en línea y expedientes "
            "disponibles en oficinas locales."
        ),
        "problem": (
            "En Aysén las localidades están separadas por grandes distancias y tienen "
            "conectividad limitada. Los plazos y formatos estándar de participación ciudadana "
            "hacen que muchas comunidades se enteren tarde de proyectos que afectarán sus ríos, "
            "fiordos y actividades productivas."
        ),
        "commitment": (
            "- Definir criterios de pertinencia territorial para la participación en zonas "
            "aisladas.\n"
            "- Realizar sesiones informativas presenciales en cada localidad del área de "
            "influencia.\n"
            "- Transmitir y grabar las sesiones y disponer expedientes en oficinas municipales.\n"
            "- Publicar cómo se respondieron las observaciones ciudadanas."
        ),
        "solution": (
            "Adaptar la participación a la realidad territorial permite que las comunidades "
            "incidan a tiempo en la evaluación. Se reducen así conflictos posteriores y "
            "judicializaciones."
        ),
        "expected_results": (
            "- Criterios de pertinencia territorial aprobados y publicados.\n"
            "- Sesiones presenciales realizadas en todas las localidades afectadas por proyectos "
            "en evaluación.\n"
            "- Informe de respuestas a observaciones publicado para cada proyecto."
        ),
        "ogp_values": ["participation", "technology"],
        "theme": 5,
        "responsible_body": "Servicio de Evaluación Ambiental",
        "region": "Aysén del General Carlos Ibáñez del Campo",
    },
    {
        "author": 1,
        "title": "Monitoreo comunitario de extracciones de agua en la cuenca del Cachapoal",
        "summary": (
            "Formar y acreditar monitores comunitarios que, junto a la autoridad, verifiquen "
            "extracciones de agua y obras no autorizadas en la cuenca del Cachapoal, con un canal "
            "de reporte georreferenciado y publicación de las fiscalizaciones realizadas."
        ),
        "problem": (
            "Las extracciones no autorizadas de agua afectan a pequeños agricultores y sistemas "
            "de agua potable rural. La capacidad de fiscalización es limitada frente a la "
            "extensión de las cuencas, y las comunidades que detectan irregularidades no tienen "
            "un canal efectivo para reportarlas."
        ),
        "commitment": (
            "- Diseñar un programa de formación de monitores comunitarios del agua.\n"
            "- Habilitar un canal de reporte georreferenciado con fotografías.\n"
            "- Priorizar fiscalizaciones a partir de los reportes recibidos.\n"
            "- Publicar el resultado de cada fiscalización originada en un reporte."
        ),
        "solution": (
            "El monitoreo comunitario amplía la capacidad de detección de irregularidades. La "
            "publicación de resultados muestra a las comunidades que su participación tiene "
            "efecto."
        ),
        "expected_results": (
            "- Al menos cuarenta monitores comunitarios formados.\n"
            "- Canal de reporte georreferenciado operativo.\n"
            "- Resultados de fiscalizaciones publicados trimestralmente."
        ),
        "ogp_values": ["participation", "accountability"],
        "theme": 5,
        "responsible_body": "Dirección General de Aguas",
        "region": "Libertador General Bernardo O'Higgins",
    },
    # --- 6: Integridad pública y anticorrupción
    {
        "author": 4,
        "title": (
            "Canal seguro de denuncias con protección efectiva a denunciantes en todo el Estado"
        ),
        "summary": (
            "Implementar un canal de denuncias seguro, con opción anónima y seguimiento en línea, "
            "para funcionarios y ciudadanos que denuncien faltas a la probidad, y asegurar la "
            "aplicación efectiva de las medidas de protección a denunciantes que establece la "
            "ley."
        ),
        "problem": (
            "Muchas personas no denuncian hechos de corrupción por temor a represalias o porque "
            "no confían en que su denuncia será investigada. Las medidas de protección existen en "
            "la ley, pero son poco conocidas y su aplicación no se informa."
        ),
        "commitment": (
            "- Habilitar un canal de denuncias con cifrado, opción anónima y seguimiento.\n"
            "- Publicar protocolos de protección y confidencialidad de denunciantes.\n"
            "- Difundir los derechos de los denunciantes en los servicios públicos.\n"
            "- Publicar estadísticas de denuncias recibidas y medidas de protección aplicadas."
        ),
        "solution": (
            "Un canal confiable y protecciones efectivas aumentan la disposición a denunciar. "
            "Esto permite detectar antes los hechos de corrupción y reducir sus daños."
        ),
        "expected_results": (
            "- Canal seguro de denuncias en funcionamiento.\n"
            "- Protocolos de protección publicados.\n"
            "- Estadísticas anuales de denuncias y medidas de protección publicadas."
        ),
        "ogp_values": ["accountability"],
        "theme": 6,
        "responsible_body": "Contraloría General de la República",
        "region": "national",
    },
    {
        "author": 2,
        "title": "Informes de auditoría en datos abiertos con seguimiento público de observaciones",
        "summary": (
            "Publicar los informes de auditoría y sus observaciones en datos abiertos, indicando "
            "el estado de cumplimiento de cada observación por parte de la institución auditada, "
            "para que la ciudadanía pueda saber si las irregularidades detectadas se corrigieron."
        ),
        "problem": (
            "Los informes de auditoría se publican en documentos extensos y no siempre se sabe si "
            "las instituciones corrigieron lo observado. Las mismas observaciones se repiten en "
            "auditorías sucesivas sin consecuencias visibles."
        ),
        "commitment": (
            "- Estructurar las observaciones de auditoría en datos abiertos.\n"
            "- Publicar el estado de cumplimiento de cada observación.\n"
            "- Publicar un tablero de observaciones pendientes por institución.\n"
            "- Informar periódicamente las observaciones reiteradas."
        ),
        "solution": (
            "El seguimiento público crea presión para corregir las irregularidades detectadas. La "
            "información estructurada facilita el control ciudadano y legislativo."
        ),
        "expected_results": (
            "- Observaciones de auditoría publicadas en datos abiertos.\n"
            "- Tablero público de observaciones pendientes en funcionamiento.\n"
            "- Informe anual de observaciones reiteradas publicado."
        ),
        "ogp_values": ["accountability", "transparency"],
        "theme": 6,
        "responsible_body": "Contraloría General de la República",
        "region": "national",
    },
    {
        "author": 1,
        "title": "Sistemas de integridad municipal con códigos de ética y encargados de integridad",
        "summary": (
            "Apoyar a los municipios del Maule en la implementación de sistemas de integridad con "
            "códigos de ética elaborados participativamente, encargados de integridad, canales de "
            "consulta y evaluación de riesgos de corrupción en áreas sensibles."
        ),
        "problem": (
            "Los municipios administran áreas de alto riesgo de corrupción, como permisos, "
            "patentes y compras, pero pocos cuentan con sistemas de integridad. Cuando existen "
            "códigos de ética, suelen ser documentos formales sin implementación real."
        ),
        "commitment": (
            "- Elaborar un modelo de sistema de integridad municipal.\n"
            "- Acompañar a los municipios del Maule en su implementación.\n"
            "- Realizar evaluaciones de riesgo en permisos, patentes y compras.\n"
            "- Publicar los códigos de ética y los mapas de riesgo."
        ),
        "solution": (
            "Los sistemas de integridad previenen faltas antes de que ocurran. La elaboración "
            "participativa de los códigos aumenta su legitimidad entre funcionarios y vecinos."
        ),
        "expected_results": (
            "- Modelo de sistema de integridad municipal publicado.\n"
            "- Todos los municipios del Maule con código de ética y encargado de integridad.\n"
            "- Mapas de riesgo publicados en al menos la mitad de los municipios."
        ),
        "ogp_values": ["accountability"],
        "theme": 6,
        "responsible_body": "Subsecretaría de Desarrollo Regional y Administrativo",
        "region": "Maule",
    },
    {
        "author": 6,
        "title": "Seguimiento ciudadano de la Estrategia Nacional de Integridad Pública",
        "summary": (
            "Crear un mecanismo de seguimiento ciudadano de la Estrategia Nacional de Integridad "
            "Pública, con un tablero público de avance de cada medida, informes semestrales y una "
            "instancia de diálogo con sociedad civil, academia y sector privado."
        ),
        "problem": (
            "Las estrategias anticorrupción suelen incluir muchas medidas cuyo avance es difícil "
            "de conocer. Sin seguimiento independiente, existe el riesgo de que las medidas se "
            "posterguen o se cumplan solo formalmente."
        ),
        "commitment": (
            "- Publicar un tablero de avance de todas las medidas de la estrategia.\n"
            "- Constituir una instancia de seguimiento con actores no gubernamentales.\n"
            "- Publicar informes semestrales de avance con sus observaciones.\n"
            "- Responder públicamente a las recomendaciones de la instancia."
        ),
        "solution": (
            "El seguimiento ciudadano refuerza la rendición de cuentas sobre los compromisos "
            "anticorrupción. La participación de distintos sectores aporta nuevas miradas sobre "
            "las medidas."
        ),
        "expected_results": (
            "- Tablero de avance público y actualizado trimestralmente.\n"
            "- Instancia de seguimiento constituida y sesionando.\n"
            "- Cuatro informes semestrales publicados durante el plan."
        ),
        "ogp_values": ["accountability", "participation"],
        "theme": 6,
        "responsible_body": "Ministerio Secretaría General de la Presidencia",
        "region": "national",
    },
    {
        "author": 0,
        "title": "Verificación automática de inhabilidades para contratar con el Estado",
        "summary": (
            "Cruzar automáticamente el registro de proveedores con las condenas y sanciones que "
            "inhabilitan para contratar con el Estado, de modo que las entidades compradoras "
            "reciban alertas antes de adjudicar y la ciudadanía pueda consultar las inhabilidades "
            "vigentes."
        ),
        "problem": (
            "Empresas o personas inhabilitadas para contratar con el Estado pueden seguir "
            "participando si la verificación depende de revisiones manuales. La información sobre "
            "inhabilidades está dispersa en distintas instituciones."
        ),
        "commitment": (
            "- Establecer convenios de intercambio de información con las instituciones que "
            "registran condenas y sanciones.\n"
            "- Incorporar alertas automáticas en el proceso de adjudicación.\n"
            "- Publicar un buscador de inhabilidades vigentes."
        ),
        "solution": (
            "La verificación automática evita contrataciones indebidas y reduce la carga de los "
            "compradores. La publicidad de las inhabilidades refuerza su efecto disuasivo."
        ),
        "expected_results": (
            "- Convenios de intercambio de información firmados.\n"
            "- Alertas automáticas operando en todas las adjudicaciones.\n"
            "- Buscador público de inhabilidades disponible."
        ),
        "ogp_values": ["accountability", "technology"],
        "theme": 6,
        "responsible_body": "ChileCompra",
        "region": "national",
    },
    {
        "author": 7,
        "title": (
            "Transparencia de gastos de representación, viáticos y viajes de autoridades regionales"
        ),
        "summary": (
            "Publicar mensualmente y en datos abiertos los gastos de representación, viáticos, "
            "pasajes y viajes de gobernadores, consejeros regionales, delegados y jefes de "
            "servicio de Magallanes, con su justificación y resultados."
        ),
        "problem": (
            "En regiones extremas los viajes son frecuentes y costosos, y su información se "
            "publica de forma fragmentada. La ciudadanía no puede evaluar si estos gastos están "
            "justificados ni compararlos entre autoridades."
        ),
        "commitment": (
            "- Publicar mensualmente los gastos de viaje y representación en datos abiertos.\n"
            "- Incluir la justificación y los resultados de cada viaje.\n"
            "- Auditar una muestra anual de gastos y publicar los resultados."
        ),
        "solution": (
            "La publicación detallada desincentiva gastos injustificados. Las auditorías "
            "periódicas dan credibilidad a la información publicada."
        ),
        "expected_results": (
            "- Gastos de viaje y representación publicados mensualmente.\n"
            "- Justificaciones disponibles para todos los viajes.\n"
            "- Informe anual de auditoría publicado."
        ),
        "ogp_values": ["transparency", "accountability"],
        "theme": 6,
        "responsible_body": "Contraloría General de la República",
        "region": "Magallanes y de la Antártica Chilena",
    },
    {
        "author": 5,
        "title": "Gasto electoral de campañas regionales y municipales en datos abiertos",
        "summary": (
            "Publicar en datos abiertos y con mayor detalle el gasto electoral declarado por las "
            "candidaturas a gobernador, consejero regional, alcalde y concejal, incluyendo "
            "proveedores y publicidad en redes sociales, con un piloto de verificación en el "
            "Biobío."
        ),
        "problem": (
            "El gasto de las campañas locales es difícil de fiscalizar por el gran número de "
            "candidaturas. El gasto en publicidad digital crece y es poco visible en las "
            "rendiciones, lo que dificulta verificar el respeto a los límites legales."
        ),
        "commitment": (
            "- Publicar el gasto electoral declarado en datos abiertos con detalle por proveedor.\n"
            "- Incorporar categorías específicas para publicidad digital.\n"
            "- Realizar un piloto de verificación cruzada con universidades en el Biobío."
        ),
        "solution": (
            "El detalle del gasto permite a la ciudadanía y la prensa verificar las rendiciones. "
            "La verificación cruzada ayuda a detectar gastos no declarados."
        ),
        "expected_results": (
            "- Gasto electoral de la última elección publicado en datos abiertos.\n"
            "- Categorías de publicidad digital incorporadas en las rendiciones.\n"
            "- Informe del piloto de verificación publicado."
        ),
        "ogp_values": ["transparency", "accountability"],
        "theme": 6,
        "responsible_body": "Servicio Electoral",
        "region": "Biobío",
    },
]
